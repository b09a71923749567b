from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index


class School(index.Indexed, ClusterableModel):
    """A CE provider that publishes courses: its name and contact go on every certificate."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The provider's administrator signs every certificate beside the instructor.
    administrator_name = models.CharField(max_length=200, blank=True)
    administrator_title = models.CharField(max_length=200, blank=True)
    administrator_signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A scan of the signature, on a transparent or white background.",
    )
    certificate_prefix = models.CharField(
        max_length=10,
        blank=True,
        help_text="Starts this school's certificate numbers (e.g. NMT); blank uses the slug.",
    )
    # Set up by `manage.py create_school`: where its courses live, and who may edit them.
    section = models.ForeignKey(
        "courses.CourseIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The part of the page tree that holds this school's courses.",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where this school's images and documents live.",
    )
    editors_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewers_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Receipts and payouts.
    legal_name = models.CharField(
        max_length=200, blank=True, help_text="The legal name on receipts, if not the name."
    )
    tax_id = models.CharField(
        "Tax or VAT number", max_length=50, blank=True, help_text="Printed on receipts."
    )
    payout_account = models.CharField(
        "Stripe payout account",
        max_length=64,
        blank=True,
        validators=[
            RegexValidator(r"^acct_[A-Za-z0-9]+$", "A Stripe account id looks like acct_1A2b3C.")
        ],
        help_text=(
            "The school's Stripe connected account: its course payments are transferred there, "
            "less the platform fee. Empty: the platform is paid and settles with the school."
        ),
    )
    # Shown at checkout; the learner's acceptance is stored with the order.
    registration_policy = models.TextField(blank=True)
    # The school's look in the e-mails sent about its courses (notifications/).
    brand_colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(r"^#[0-9A-Fa-f]{6}$", "A colour looks like #1F5F8B (six hex digits).")
        ],
        help_text="The top band of e-mails, as #RRGGBB; its text colour is chosen to contrast.",
    )
    email_footer = models.TextField(
        blank=True,
        help_text="Plain text at the foot of every e-mail about this school's courses.",
    )
    cancellation_policy = models.TextField(blank=True)
    refund_policy = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("address"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("administrator_name"),
                FieldPanel("administrator_title"),
                FieldPanel("administrator_signature"),
                FieldPanel("certificate_prefix"),
            ],
            heading="Certificates",
        ),
        InlinePanel("approvals", label="Provider approvals"),
        MultiFieldPanel(
            [FieldPanel("legal_name"), FieldPanel("tax_id"), FieldPanel("payout_account")],
            heading="Receipts and payouts",
        ),
        MultiFieldPanel(
            [FieldPanel("brand_colour"), FieldPanel("email_footer")],
            heading="E-mails",
            help_text="Learners' e-mails carry the school's name, logo, colour and this footer.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_policy"),
                FieldPanel("cancellation_policy"),
                FieldPanel("refund_policy"),
            ],
            heading="Checkout policies",
            help_text=(
                "Shown to buyers at checkout, who must accept them; the text they accepted is "
                "kept with their order. Plain text; a blank policy shows the platform's default."
            ),
        ),
    ]
    # FilterField("id"): choosers limit their search to the editor's schools by id.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("id"),
    ]

    class Meta:
        db_table = "courses_school"  # kept from before the move: rows stay put
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", "School admin"
        INSTRUCTOR = "instructor", "Instructor"
        REVIEWER = "reviewer", "Reviewer"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INSTRUCTOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "courses_schoolmembership"  # kept from before the move: rows stay put
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="unique_school_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.school})"


class Instructor(index.Indexed, models.Model):
    """A person credited on a course page; may or may not have an account."""

    name = models.CharField(max_length=200)
    credentials = models.CharField(max_length=200, blank=True, help_text="e.g. LMT, NCTMB")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="instructors"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instructor_profile",
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Printed on the certificates of the courses this instructor teaches.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("school"),
        FieldPanel("user"),
        FieldPanel("signature"),
    ]
    # FilterField("id"): choosers limit their search to the editor's schools by id.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("id"),
    ]

    class Meta:
        db_table = "courses_instructor"  # kept from before the move: rows stay put
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class SchoolInvitation(models.Model):
    """An e-mailed invitation to join a school with a role. Only the token's SHA-256 is kept:
    the link in the e-mail is the one copy of the token, and resending makes a new one."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text="Kept in lower case.")
    role = models.CharField(max_length=20, choices=SchoolMembership.Role.choices)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per person and school: a second is a resend.
            models.UniqueConstraint(
                fields=["school", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="schools_one_open_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()}, {self.school})"

    def status(self, now) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "pending"


class SchoolAuditEntry(models.Model):
    """One change to a school's team: who did it, when, to whom. Rows are only ever added."""

    class Action(models.TextChoices):
        INVITED = "invited", "Invited"
        RESENT = "resent", "Invitation resent"
        REVOKED = "revoked", "Invitation revoked"
        ACCEPTED = "accepted", "Invitation accepted"
        ROLE_CHANGED = "role_changed", "Role changed"
        REMOVED = "removed", "Removed from the school"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the log still names people after their accounts are gone.
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    subject_email = models.CharField(max_length=254)
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "school audit entries"

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d %H:%M}" if self.created_at else ""
        return f"{when} {self.actor_email}: {self.action} {self.subject_email}"
