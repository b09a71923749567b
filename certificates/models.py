"""Certificates, their audit trail, the designs schools edit, and evaluations.

Nothing here is ever deleted: a certificate is revoked or reissued, and each change is an
event that keeps what was there before.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class CertificateKind(models.TextChoices):
    ACHIEVEMENT = "achievement", "Certificate of Achievement"
    COMPLETION = "completion", "Certificate of Completion"


class Certificate(models.Model):
    """One per enrolment, created when the course is completed and issued once confirmed.

    `snapshot` holds every value printed on the certificate, frozen at issue: later edits to
    the course, the school, the profile or the design never change an issued certificate.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting the learner's confirmation"
        ISSUED = "issued", "Issued"
        REVOKED = "revoked", "Revoked"

    enrollment = models.OneToOneField(
        "courses.Enrollment", on_delete=models.PROTECT, related_name="certificate"
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    kind = models.CharField(
        max_length=20, choices=CertificateKind.choices, default=CertificateKind.ACHIEVEMENT
    )
    number = models.CharField(max_length=40, unique=True, null=True, blank=True)
    verify_code = models.CharField(max_length=40, unique=True)
    completed_at = models.DateTimeField()
    course_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The course version the learner completed.",
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)
    ce_hours = models.DecimalField(
        "CE hours", max_digits=5, decimal_places=2, null=True, blank=True
    )
    snapshot = models.JSONField(default=dict, blank=True)
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rendered_html = models.TextField(blank=True, help_text="The design as rendered at issue.")
    pdf = models.FileField(upload_to="certificates/%Y/%m/", blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    credential = models.JSONField(
        null=True, blank=True, help_text="The signed Open Badges 3.0 credential."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_at", "-created_at"]
        indexes = [
            models.Index(fields=["course", "status", "issued_at"], name="cert_course_status"),
            models.Index(fields=["school", "status", "issued_at"], name="cert_school_status"),
            models.Index(fields=["student", "status"], name="cert_student_status"),
        ]
        constraints = [
            # A pending certificate withdrawn by a refund is revoked before it ever had a number.
            models.CheckConstraint(
                condition=~models.Q(status="issued") | models.Q(number__isnull=False),
                name="cert_issued_has_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"pending certificate {self.pk}"

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED


class CertificateEvent(models.Model):
    """The audit trail: every change to a certificate, who made it, why, and what was before."""

    class Action(models.TextChoices):
        CREATED = "created", "Created on completion"
        ISSUED = "issued", "Issued"
        PDF_RENDERED = "pdf_rendered", "PDF rendered"
        REVOKED = "revoked", "Revoked"
        REINSTATED = "reinstated", "Reinstated"
        REISSUED = "reissued", "Reissued"
        COPY_ISSUED = "copy_issued", "Copy issued from the record"

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank when the platform acted (completion, a refund webhook).",
    )
    reason = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="What was there before.")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate} {self.action} at {self.at:%Y-%m-%d %H:%M}"


class CertificateTemplate(models.Model):
    """A certificate design: HTML and CSS in Django's template language, edited by a school.

    Rendered with the certificate's snapshot only (no request, no models), then by WeasyPrint.
    """

    class PageSize(models.TextChoices):
        LETTER_LANDSCAPE = "letter landscape", "US Letter, landscape"
        A4_LANDSCAPE = "A4 landscape", "A4, landscape"
        LETTER = "letter portrait", "US Letter, portrait"
        A4 = "A4 portrait", "A4, portrait"

    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate_templates",
        help_text="Blank makes it a platform design any school may use.",
    )
    name = models.CharField(max_length=200)
    page_size = models.CharField(
        max_length=30, choices=PageSize.choices, default=PageSize.LETTER_LANDSCAPE
    )
    html = models.TextField(help_text="The body; variables as in the default design.")
    css = models.TextField(blank=True)
    is_default = models.BooleanField(
        default=False, help_text="Used for the school's courses (or every school's, if shared)."
    )
    # Set by the task worker when a certificate could not be rendered in this design and the
    # built-in design was used instead; cleared when the design is saved again.
    failed_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True, help_text="Why the last certificate fell back.")
    failed_certificates = models.PositiveIntegerField(
        default=0, help_text="Certificates issued in the built-in design since the last save."
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("school")]),
        FieldRowPanel([FieldPanel("page_size"), FieldPanel("is_default")]),
        FieldPanel("html"),
        FieldPanel("css"),
    ]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=models.Q(is_default=True),
                name="cert_template_one_default_per_school",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_failed(self) -> bool:
        return self.failed_at is not None


class CourseEvaluation(models.Model):
    """A learner's course evaluation (the feedback form accreditors require): one per enrolment."""

    enrollment = models.OneToOneField(
        "courses.Enrollment", on_delete=models.PROTECT, related_name="evaluation"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="evaluations"
    )
    ratings = models.JSONField(
        default=dict, help_text="Question key to a rating of 1 (poor) to 5 (excellent)."
    )
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["course", "submitted_at"], name="cert_eval_course")]

    def __str__(self) -> str:
        return f"Evaluation of {self.course_id} by enrolment {self.enrollment_id}"


class WithheldCredit(models.Model):
    """An approval of the course that an issued certificate does not claim, and why: the
    learner did not choose that board, it was not in force on the completion day, or the
    learner has not met its own rules yet (certificates/board_rules.py). Written when the
    certificate is issued or reissued; the tracking-system reports (records) leave the
    certificate out for that body while a row is here."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="withheld_credits"
    )
    approval = models.ForeignKey(
        "courses.CourseApproval", on_delete=models.CASCADE, related_name="+"
    )
    body = models.ForeignKey("courses.AccreditingBody", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "approval"], name="cert_withheld_credit_unique"
            )
        ]
        indexes = [models.Index(fields=["body", "certificate"], name="cert_withheld_body")]

    def __str__(self) -> str:
        return f"{self.certificate}: no {self.body_id} credit ({self.reason})"
