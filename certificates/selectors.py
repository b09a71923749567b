"""Reads for certificates: who may see which, and the querysets pages are built on."""

from django.db.models import Q, QuerySet

from certificates.models import Certificate, CertificateTemplate, CourseEvaluation
from courses.models import CoursePage, Enrollment
from schools import rules


def certificate_viewer(*, user, certificate: Certificate) -> str | None:
    """Why `user` may see this certificate ("owner", "staff", "school"), or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    if certificate.student_id == user.pk:
        return "owner"
    if rules.is_platform_staff(user):
        return "staff"
    if rules.may_view_certificate(user, certificate=certificate):
        return "school"
    return None


def certificate_by_key(key: str) -> Certificate | None:
    """A certificate by its number, or by its id (pending certificates have no number)."""
    certificates = Certificate.objects.select_related("course", "student")
    if key.isdigit():
        return certificates.filter(pk=int(key)).first()
    return certificates.filter(number=key).first()


def learner_certificate_page(*, user, course_id: int):
    """(enrollment, certificate or None) for the learner's own enrolment, or (None, None)."""
    enrollment = (
        Enrollment.objects.filter(student=user, course_id=course_id)
        .select_related("course", "certificate", "evaluation")
        .first()
    )
    if enrollment is None:
        return None, None
    return enrollment, getattr(enrollment, "certificate", None)


def evaluation_exists(*, enrollment: Enrollment) -> bool:
    return CourseEvaluation.objects.filter(enrollment=enrollment).exists()


def certificate_for_verification(*, code: str) -> Certificate | None:
    """An issued (or once issued, now revoked) certificate by its verify code: one query.

    Pending certificates, and ones revoked before they were ever issued, are unknown to the
    public: they never certified anything.
    """
    return (
        Certificate.objects.filter(verify_code=code, issued_at__isnull=False)
        .exclude(status=Certificate.Status.PENDING)
        .only("status", "number", "verify_code", "snapshot", "revoked_at", "revoked_reason")
        .first()
    )


def _surname_matches(full_name: str, surname: str) -> bool:
    name = " ".join(full_name.casefold().split())
    wanted = " ".join(surname.casefold().split())
    return bool(wanted) and (name == wanted or name.endswith(" " + wanted))


def certificate_lookup(*, number: str, surname: str) -> Certificate | None:
    """The certificate with this number whose learner's name ends with `surname`."""
    certificate = certificate_for_verification_by_number(number=number.strip())
    if certificate is None:
        return None
    name = (certificate.snapshot.get("learner") or {}).get("name", "")
    return certificate if _surname_matches(name, surname) else None


def certificate_for_verification_by_number(*, number: str) -> Certificate | None:
    if not number:
        return None
    return (
        Certificate.objects.filter(number__iexact=number, issued_at__isnull=False)
        .exclude(status=Certificate.Status.PENDING)
        .only("status", "number", "verify_code", "snapshot")
        .first()
    )


def certificates_for_admin(*, user) -> QuerySet[Certificate]:
    """The certificates of the user's schools (all of them for staff), ready for a listing."""
    certificates = Certificate.objects.select_related("student", "course", "school")
    schools = rules.school_scope(user, roles=rules.TEACHING_ROLES)
    return certificates if schools is None else certificates.filter(school_id__in=schools)


def courses_for_admin(*, user) -> QuerySet[CoursePage]:
    courses = CoursePage.objects.order_by("title")
    schools = rules.school_scope(user, roles=rules.TEACHING_ROLES)
    return courses if schools is None else courses.filter(school_id__in=schools)


def default_template_for(*, school_id: int | None) -> CertificateTemplate | None:
    """The school's default design, else the platform's; None means the built-in design."""
    defaults = CertificateTemplate.objects.filter(is_default=True)
    condition = Q(school__isnull=True)
    if school_id:
        condition |= Q(school_id=school_id)
    candidates = list(defaults.filter(condition).order_by("-updated_at", "-pk"))
    for template in candidates:
        if school_id and template.school_id == school_id:
            return template
    return candidates[0] if candidates else None
