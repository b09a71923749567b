"""The CoursePage editor's form: a course belongs to the school whose section holds it.

courses.models imports this module (CoursePage.base_form_class) while the models are still
loading, so models are looked up where the form is built, not at the top.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from schools import rules
from schools.models import School

SCHOOL_NOT_SECTION = "Courses in {section} belong to {school}."
SCHOOL_NOT_YOURS = "Choose a school you are a member of."
IMAGE_NOT_YOURS = "Choose an image from your school's collection."


def section_school(page):
    """The school whose catalog section is `page` or one of its ancestors, or None."""
    if page is None:
        return None
    return (
        School.objects.filter(section__in=page.get_ancestors(inclusive=True)).first()
        if page.pk
        else None
    )


class CoursePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_school = section_school(self.parent_page)
        user = self.for_user
        self._limit_instructors(user)
        field = self.fields.get("school")
        if field is None:
            return
        start = None
        if self.section_school is not None:
            field.queryset = School.objects.filter(pk=self.section_school.pk)
            start = self.section_school.pk
        elif user is not None and not rules.is_platform_staff(user):
            schools = rules.school_ids(user)
            field.queryset = School.objects.filter(pk__in=schools)
            if len(schools) == 1:
                start = next(iter(schools))  # a member of one school writes for it
        if start is not None and not self.instance.school_id and not self.is_bound:
            # The form's initial (from the empty instance) says None and wins over the
            # field's: set it there, so the chooser starts with the school, not empty.
            field.initial = self.initial["school"] = start

    def _limit_instructors(self, user):
        """Only the editor's schools' instructors are offered (and accepted), plus those the
        course credits already; staff see every school's."""
        from courses import selectors

        field = self.fields.get("instructors")
        if field is None or user is None:
            return
        credited = self.instance.instructors.all() if self.instance.pk else []
        keep = [instructor.pk for instructor in credited]
        field.queryset = selectors.instructors_for_editor(user, keep=keep)

    def clean_school(self):
        school = self.cleaned_data.get("school")
        if self.section_school is not None and school != self.section_school:
            self.add_error(
                "school",
                SCHOOL_NOT_SECTION.format(
                    section=self.parent_page.title, school=self.section_school.name
                ),
            )
        return school

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        user = self.for_user
        if image is None or user is None or rules.is_platform_staff(user):
            return image
        unchanged = self.instance.pk and self.instance.cover_image_id == image.pk
        policy = policy_registry.get_by_type(get_image_model())
        if not unchanged and not policy.user_has_permission_for_instance(user, "choose", image):
            self.add_error("cover_image", IMAGE_NOT_YOURS)
        return image
