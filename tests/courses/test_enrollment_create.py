from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commerce.services import PAYMENTS_NOT_CONFIGURED
from courses import services
from courses.models import Enrollment
from tests.conftest import build_course


@pytest.mark.django_db
def test_free_course_enrols_once_however_often_asked(course, user):
    first = services.enrollment_create(user=user, course=course)
    second = services.enrollment_create(user=user, course=course)
    assert first.pk == second.pk
    assert Enrollment.objects.filter(student=user, course=course).count() == 1
    assert first.source == Enrollment.Source.FREE


@pytest.mark.django_db
def test_paid_course_cannot_be_enrolled_for_free(catalog, user):
    paid = build_course(catalog, price=Decimal("49"))
    with pytest.raises(ValidationError, match="not free"):
        services.enrollment_create(user=user, course=paid)
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_revoked_student_cannot_re_enrol_for_free(course, user):
    enrollment = services.enrollment_create(user=user, course=course)
    services.enrollment_revoke(enrollment=enrollment, reason="chargeback")
    with pytest.raises(PermissionDenied):
        services.enrollment_create(user=user, course=course)


@pytest.mark.django_db
def test_enrol_view_needs_login_and_post(client, course, user):
    url = f"/courses/{course.slug}/enrol/"
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(user)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert Enrollment.objects.filter(student=user, course=course, status="active").exists()
    assert client.get("/my-courses/").content.decode().count(course.title) >= 1


@pytest.mark.django_db
def test_enrol_view_on_a_paid_course_without_payments_set_up_enrols_nobody(
    client, catalog, user, settings
):
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYMENT_GATEWAY = "stripe"
    paid = build_course(catalog, price=Decimal("49"))
    client.force_login(user)
    response = client.post(f"/courses/{paid.slug}/enrol/", follow=True)
    assert PAYMENTS_NOT_CONFIGURED in response.content.decode()
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_enrol_view_unknown_course_is_404(client, user, home):
    client.force_login(user)
    assert client.post("/courses/nope/enrol/").status_code == 404
