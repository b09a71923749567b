"""The CE compliance summary on the course editor.

courses cannot import quizzes, so the panel is a frame: each app that checks a course
(quizzes: hours and assessment blueprint) registers a `COMPLIANCE_HOOK` function taking
(course=, request=) and returning the HTML of its part.
"""

from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.panels import Panel

COMPLIANCE_HOOK = "course_compliance_summary_html"
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
                context["sections"] = []
                context["save_first"] = SAVE_FIRST
                return context
            context["sections"] = [
                mark_safe(fn(course=course, request=self.request))
                for fn in hooks.get_hooks(COMPLIANCE_HOOK)
            ]
            return context
