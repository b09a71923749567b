"""The e-mail choices page in the account area, and the unsubscribe page's answers."""

import pytest

from notifications.models import NotificationPreference
from notifications.services import unsubscribe_token
from schools.models import SchoolMembership
from tests.factories import SchoolMembershipFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("home")]

URL = "/accounts/notifications/"


def test_the_page_asks_visitors_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_learner_turns_reminders_off_and_keeps_the_rest(client, django_assert_num_queries):
    learner = UserFactory()
    client.force_login(learner)
    client.get(URL)  # the first request makes the site's settings row
    # user, memberships, preference, the header's two permission reads, site, site settings
    with django_assert_num_queries(7):
        page = client.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<legend>Send me</legend>" in html and "Reminders to finish a course" in html
    assert "School deadlines" not in html  # only for people in a school

    response = client.post(URL, {"renewal_reminders": "on"})

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.course_reminders, preference.renewal_reminders) == (False, True)
    assert preference.school_alerts is True  # not on the form: left as it was


def test_a_school_admin_may_turn_school_alerts_off(client, django_assert_num_queries):
    admin = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user
    for _ in range(3):
        SchoolMembershipFactory(user=admin, role=SchoolMembership.Role.INSTRUCTOR)
    client.force_login(admin)
    client.get(URL)
    with django_assert_num_queries(7):  # as for a learner: flat in the schools one belongs to
        page = client.get(URL)
    assert "School deadlines: CE reports and approvals" in page.content.decode()
    client.post(URL, {"course_reminders": "on", "renewal_reminders": "on"})
    assert NotificationPreference.objects.get(user=admin).school_alerts is False


def test_the_unsubscribe_page_asks_first_then_confirms(client):
    learner = UserFactory()
    token = unsubscribe_token(user=learner, category="renewal_reminders")
    path = f"/notifications/unsubscribe/{token}/"
    page = client.get(path).content.decode()
    assert "Stop licence-renewal reminders?" in page and "<form" in page
    done = client.post(path)
    assert done.status_code == 200
    assert "we will not send you licence-renewal reminders any more" in done.content.decode()
    assert NotificationPreference.objects.get(user=learner).renewal_reminders is False


def test_staff_read_the_delivery_log_in_the_django_admin(client, django_assert_max_num_queries):
    from notifications.models import Notification

    learner = UserFactory(email="logged@example.com")
    for n in range(5):
        Notification.objects.create(kind="enrolment", key=f"enrolment:{n}", recipient=learner)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with django_assert_max_num_queries(12):  # flat: recipients and schools joined in one read
        page = client.get("/django-admin/notifications/notification/")
    assert page.status_code == 200
    assert page.content.decode().count("logged@example.com") == 5
    assert client.get("/django-admin/notifications/notification/add/").status_code == 403


def test_learners_cannot_read_the_delivery_log(client):
    client.force_login(UserFactory())
    response = client.get("/django-admin/notifications/notification/")
    assert response.status_code == 302
