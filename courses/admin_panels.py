"""The CE compliance summary on the course editor.

The panel is a frame: its template asks quizzes' `course_compliance_summary` tag for the hours
the content supports and the assessment blueprint status, both reckoned by quizzes.
"""

from wagtail.admin.panels import Panel

SAVE_FIRST = "Save a draft of the course to see the CE hours its lessons support."


class CECompliancePanel(Panel):
    """Read-only: the supportable CE hours beside each approval, and the blueprint status."""

    @property
    def clean_name(self):
        return super().clean_name or "ce_compliance"

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/ce_compliance_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            course = self.instance
            if course is None or course.pk is None:
                context["course"] = None
                context["save_first"] = SAVE_FIRST
                return context
            context["course"] = course
            return context
