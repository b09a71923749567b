"""The certificate design form: a school's admin or instructor picks one of their schools, a new
design starts from the built-in design's source, and a design is checked with a sample
certificate before it is saved."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

from certificates.designs.services import certificate_design_check, certificate_design_save
from certificates.models import CertificateTemplate
from certificates.rendering import builtin_design
from schools import rules
from schools.models import School

DEFAULT_TAKEN = "“%(name)s” is already the default design for %(owner)s: untick it there first."
SCHOOL_REQUIRED = "Choose the school this design belongs to."


class CertificateTemplateForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not rules.is_platform_staff(user) and "school" in self.fields:
            field = self.fields["school"]
            field.queryset = School.objects.filter(pk__in=rules.design_school_ids(user))
            field.required = True
            field.empty_label = None
            field.error_messages["required"] = SCHOOL_REQUIRED
        if self.instance.pk is None and not self.is_bound:
            # Start from the built-in design rather than an empty box: edit, don't write.
            starter = builtin_design()
            self.initial.setdefault("html", starter.html)
            self.initial.setdefault("css", starter.css)
            self.initial.setdefault("page_size", starter.page_size)

    def clean(self):
        cleaned = super().clean()
        if "html" in cleaned and not self.has_error("school"):
            try:
                certificate_design_check(
                    html=cleaned["html"],
                    css=cleaned.get("css", ""),
                    page_size=cleaned.get("page_size", ""),
                    school=cleaned.get("school"),
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        if cleaned.get("is_default"):
            school = cleaned.get("school")
            taken = CertificateTemplate.objects.filter(is_default=True, school=school).exclude(
                pk=self.instance.pk
            )
            other = taken.first()
            if other is not None:
                owner = school.name if school else "every school"
                self.add_error(
                    "is_default",
                    ValidationError(DEFAULT_TAKEN, params={"name": other.name, "owner": owner}),
                )
        return cleaned

    def save(self, commit=True):
        design = super().save(commit=False)
        if commit:
            # The same verb as every other path, so a design is never saved unchecked.
            certificate_design_save(design=design)
        return design


class DesignFailurePanel(FieldPanel):
    """A read-only field about the design's last failure, shown only while there is one."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return self.instance.failed_at is not None and super().is_shown()
