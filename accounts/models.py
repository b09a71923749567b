from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an email address.

    The CE fields are what licensing boards require on a certificate: the learner's legal
    name (not a nickname) and their licence or registration number with the issuing board.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=150, blank=True, help_text="How we greet you on the site."
    )
    legal_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Your full name exactly as it appears on your licence; printed on certificates.",
    )
    licence_number = models.CharField("licence or registration number", max_length=64, blank=True)
    licensing_board = models.CharField(
        "licensing board or state",
        max_length=120,
        blank=True,
        help_text="For example: NCBTMB, Florida Board of Massage Therapy, Texas (TDLR).",
    )
    country = models.CharField(max_length=2, blank=True, help_text="Two-letter country code.")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.legal_name or self.display_name or self.email

    def get_short_name(self) -> str:
        if self.display_name:
            return self.display_name
        return self.legal_name.split(" ")[0] if self.legal_name else self.email

    @property
    def has_ce_profile(self) -> bool:
        return bool(self.legal_name and self.licence_number and self.licensing_board)
