"""Live sessions: hours in 50-minute units less breaks, QR check-in and check-out, attendance
by hand, practical-skills sign-off, and a live course complete only on recorded attendance."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from html import escape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signing import TimestampSigner
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, CertificateKind
from certificates.snapshot import certificate_kind
from completion.services import course_completion
from courses.models import CourseApproval, CourseType, Enrollment, LessonPage, ModulePage
from courses.services.progress import lesson_visit_record
from live import hours as live
from live import services as live_services
from live.hours import (
    CHECK_IN,
    CHECK_OUT,
    attendance_token,
    attendance_token_read,
    ce_units,
    instruction_minutes,
)
from live.models import Attendance, LiveSession, SkillsChecklistItem, SkillSignoff
from live.selectors import live_progress
from live.services import BreakTimes, attendance_check, live_session_save, skill_signoff
from live.views import checkin as checkin_views
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import body
from tests.factories import EnrollmentFactory, SchoolFactory, SchoolMembershipFactory

DAY = datetime(2026, 3, 14, tzinfo=timezone.get_current_timezone())


def at(hour, minute=0, second=0):
    return DAY.replace(hour=hour, minute=minute, second=second)


# --- Counting hours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "units"), [(0, 0), (49, 0), (50, 1), (99, 1), (100, 2), (420, 8)]
)
def test_hours_count_in_whole_fifty_minute_units(minutes, units):
    assert ce_units(minutes) == units


def test_instruction_is_attended_time_inside_the_session_less_breaks():
    lunch = (at(12), at(13))
    rest = (at(10, 30), at(10, 50))
    day = {"starts_at": at(9), "ends_at": at(17), "breaks": [lunch, rest]}
    assert instruction_minutes(**day) == 8 * 60 - 60 - 20  # 400 minutes: 8 CE hours
    # Early arrival is not instruction; leaving during lunch loses only the instruction after.
    assert instruction_minutes(**day, present_from=at(8), present_until=at(12, 30)) == 160
    assert instruction_minutes(**day, present_from=at(17, 5), present_until=at(18)) == 0
    # Overlapping breaks are not taken off twice.
    overlapping = [(at(12), at(13)), (at(12, 30), at(13, 15))]
    assert instruction_minutes(starts_at=at(9), ends_at=at(17), breaks=overlapping) == 405


# --- Fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def school(db):
    return SchoolFactory(slug="hands-on", name="Hands-on School")


@pytest.fixture
def live_course(course, school):
    course.school = school
    course.save()
    CourseApproval.objects.create(
        course=course,
        body=body("NCBTMB", "NCBTMB"),
        approved_title=course.title,
        ce_hours=Decimal("3"),
        course_type=CourseType.LIVE,
        approval_number="NCB-LIVE-1",
    )
    return course


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user


@pytest.fixture
def enrollment(live_course):
    return EnrollmentFactory(course=live_course)


@pytest.fixture
def learner(enrollment):
    return enrollment.student


@pytest.fixture
def session(live_course, instructor):
    """9:00 to 12:30 with a 30-minute break: 180 minutes of instruction, 3 CE hours."""
    return live_session_save(
        course=live_course,
        by=instructor,
        title="Hands-on lab",
        starts_at=at(9),
        ends_at=at(12, 30),
        breaks=[BreakTimes(starts_at=at(10, 30), ends_at=at(11), label="Coffee")],
        location="Studio 2",
        instructor=instructor,
    )


@pytest.fixture
def skills(live_course):
    module = ModulePage.objects.child_of(live_course).first()
    module.skills = [
        SkillsChecklistItem(text="Locates the upper trapezius trigger points"),
        SkillsChecklistItem(text="Applies ischemic compression safely"),
    ]
    module.save_revision().publish()
    return list(SkillsChecklistItem.objects.filter(module=module).order_by("sort_order"))


def read_every_lesson(enrollment):
    course = enrollment.course
    for lesson in LessonPage.objects.descendant_of(course):
        lesson_visit_record(user=enrollment.student, lesson=lesson, course=course)


def fresh(enrollment):
    return Enrollment.objects.select_related("course").get(pk=enrollment.pk)


# --- Checking in and out -------------------------------------------------------------------------


def test_check_in_and_out_by_qr_records_the_hours(session, learner):
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(8, 55))
    again = attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9, 20))
    assert again.checked_in_at == at(8, 55)  # the first scan counts
    attendance = attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 30))
    assert attendance.instruction_minutes == 180 and attendance.ce_hours == 3
    assert attendance.full_attendance
    assert attendance.check_in_method == attendance.check_out_method == Attendance.Method.QR


def test_leaving_early_is_not_full_attendance(session, learner):
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9))
    attendance = attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12))
    assert attendance.instruction_minutes == 150 and attendance.ce_hours == 3
    assert not attendance.full_attendance  # 30 minutes of instruction missed


def test_a_late_scan_within_the_grace_is_still_full_attendance(session, learner):
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9, 8))
    attendance = attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 30))
    assert attendance.instruction_minutes == 172 and attendance.full_attendance


def test_check_in_is_refused_outside_the_window_and_to_strangers(session, learner, user):
    with pytest.raises(ValidationError, match="opens 60 minutes before"):
        attendance_check(session=session, user=learner, action=CHECK_IN, now=at(7, 30))
    with pytest.raises(ValidationError, match="has ended"):
        attendance_check(session=session, user=learner, action=CHECK_IN, now=at(12, 31))
    with pytest.raises(ValidationError, match="Check in first"):
        attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12))
    with pytest.raises(PermissionDenied):
        attendance_check(session=session, user=user, action=CHECK_IN, now=at(9))
    assert not Attendance.objects.exists()


def test_changing_the_sessions_times_recounts_attendance(session, learner, instructor):
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9))
    attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 30))
    live_session_save(
        course=session.course,
        by=instructor,
        session=session,
        title=session.title,
        starts_at=at(9),
        ends_at=at(14),
        breaks=[],
    )
    attendance = Attendance.objects.get()
    assert attendance.instruction_minutes == 210 and not attendance.full_attendance


def test_a_session_must_be_coherent(live_course, instructor):
    with pytest.raises(ValidationError) as error:
        live_session_save(
            course=live_course,
            by=instructor,
            title="Bad",
            starts_at=at(9),
            ends_at=at(12),
            breaks=[BreakTimes(starts_at=at(12), ends_at=at(13))],
        )
    assert live_services.BREAK_OUTSIDE_SESSION in error.value.messages
    with pytest.raises(ValidationError, match="end after it starts"):
        live_session_save(
            course=live_course,
            by=instructor,
            title="Bad",
            starts_at=at(9),
            ends_at=at(9),
            breaks=[],
        )


# --- The QR code and the learner's pages ---------------------------------------------------------


class Clock:
    """timezone.now() for the code under test, moved by hand."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, seconds):
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(at(9))  # on a window's first second: 9:00 is a whole number of windows
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def shown_code(client, session, action=CHECK_IN):
    """The check link on the page the instructor puts up in the room, and its page."""
    page = client.get(reverse("live:session_qr", args=[session.pk, action])).content.decode()
    return re.search(r"https?://testserver(/live/check/[^/]+/)", page).group(1), page


def confirmation_of(response):
    return re.search(r'name="confirmation" value="([^"]+)"', response.content.decode()).group(1)


def test_the_qr_code_links_to_a_signed_check_in_the_learner_confirms(
    client, session, instructor, learner, clock
):
    client.force_login(instructor)
    check_url, page = shown_code(client, session)
    assert 'src="data:image/svg+xml;base64,' in page and 'http-equiv="refresh"' in page

    client.force_login(learner)
    confirm = client.get(check_url)
    assert confirm.status_code == 200 and "Check in</button>" in confirm.content.decode()
    assert not Attendance.objects.exists()  # a GET changes nothing
    done = client.post(check_url, {"confirmation": confirmation_of(confirm)})
    assert done.status_code == 200 and "You are checked in at 09:00:00" in done.content.decode()
    attendance = Attendance.objects.get(student=learner, session=session)
    assert attendance.check_in_method == Attendance.Method.QR
    assert attendance.checked_in_at == at(9)


@pytest.mark.parametrize(
    ("seconds_later", "status"),
    [(0, 200), (29, 200), (30, 200), (59, 200), (60, 410), (61, 410), (300, 410)],
)
def test_a_code_works_in_its_own_window_and_the_next_only(
    client, session, instructor, learner, clock, seconds_later, status
):
    client.force_login(instructor)
    check_url, _ = shown_code(client, session)
    clock.advance(seconds_later)
    client.force_login(learner)
    response = client.get(check_url)
    assert response.status_code == status
    if status == 410:
        assert escape(checkin_views.CODE_EXPIRED) in response.content.decode()


def test_the_screen_shows_a_new_code_each_window_and_reloads_as_it_ends(
    client, session, instructor, clock
):
    client.force_login(instructor)
    clock.advance(12)
    first, page = shown_code(client, session)
    assert '<meta http-equiv="refresh" content="18">' in page  # 9:00:30 less 9:00:12
    clock.advance(17)  # 9:00:29, the same window
    assert shown_code(client, session)[0] == first
    clock.advance(1)  # 9:00:30, the next
    second, page = shown_code(client, session)
    assert second != first and '<meta http-equiv="refresh" content="30">' in page


def test_a_forwarded_code_is_useless_without_a_fresh_scan_by_that_learner(
    client, session, instructor, learner, clock
):
    """The button works for ten minutes after a fresh scan, but only for whoever scanned: the
    code itself, posted straight or with someone else's confirmation, checks nobody in."""
    client.force_login(instructor)
    check_url, _ = shown_code(client, session)
    friend = EnrollmentFactory(course=session.course).student
    client.force_login(learner)
    learners_confirmation = confirmation_of(client.get(check_url))

    client.force_login(friend)
    for posted in ({}, {"confirmation": learners_confirmation}, {"confirmation": "1:in:1:1:x"}):
        response = client.post(check_url, posted)
        assert response.status_code == 410, posted
        assert escape(checkin_views.CONFIRM_EXPIRED) in response.content.decode()
    clock.advance(90)  # the photo reaches the friend after the code's window
    assert client.get(check_url).status_code == 410
    assert not Attendance.objects.exists()

    client.force_login(learner)  # the learner who scanned in the room pressed late: still fine
    clock.advance(live.CONFIRM_GRACE_SECONDS - 90)
    assert client.post(check_url, {"confirmation": learners_confirmation}).status_code == 200
    assert Attendance.objects.get().student == learner


def test_a_learner_who_signs_in_after_a_fresh_scan_keeps_it_in_that_browser_only(
    client, session, instructor, learner, clock
):
    client.force_login(instructor)
    check_url, _ = shown_code(client, session)
    client.logout()
    scanned = client.get(check_url)  # scanned in the room, not yet signed in
    assert scanned.status_code == 302 and scanned["Location"].startswith("/accounts/login/")
    clock.advance(300)  # signing in took five minutes: the code itself is long gone
    client.force_login(learner)
    confirm = client.get(check_url)
    assert confirm.status_code == 200
    done = client.post(check_url, {"confirmation": confirmation_of(confirm)})
    assert done.status_code == 200 and Attendance.objects.get().student == learner

    elsewhere = Client()  # the same link forwarded to another phone, signed in as the learner
    elsewhere.force_login(learner)
    assert elsewhere.get(check_url).status_code == 410
    anonymous = Client()
    assert anonymous.get(check_url).status_code == 410  # a stale code asks for a fresh scan


def test_a_confirmation_expires_after_the_grace(client, session, instructor, learner, clock):
    client.force_login(instructor)
    check_url, _ = shown_code(client, session)
    client.force_login(learner)
    confirmation = confirmation_of(client.get(check_url))
    clock.advance(live.CONFIRM_GRACE_SECONDS + 1)
    response = client.post(check_url, {"confirmation": confirmation})
    assert response.status_code == 410 and not Attendance.objects.exists()


def test_a_check_out_confirmation_does_not_check_in(client, session, instructor, learner, clock):
    client.force_login(instructor)
    in_url, _ = shown_code(client, session, CHECK_IN)
    out_url, _ = shown_code(client, session, CHECK_OUT)
    client.force_login(learner)
    out_confirmation = confirmation_of(client.get(out_url))
    assert client.post(in_url, {"confirmation": out_confirmation}).status_code == 410


def test_a_forged_or_foreign_code_is_refused(client, session, learner, user, clock):
    client.force_login(learner)
    token = attendance_token(session_id=session.pk, action=CHECK_IN, now=at(9))
    assert client.get(reverse("live:check", args=[token + "x"])).status_code == 404
    forged = token.replace(f"{session.pk}:in", f"{session.pk}:out")
    assert client.get(reverse("live:check", args=[forged])).status_code == 404
    future = attendance_token(session_id=session.pk, action=CHECK_IN, now=at(9, 1))
    with pytest.raises(live.CodeExpired):
        attendance_token_read(future, now=at(9))
    # A code signed the old way (a timestamp, valid five minutes) is not a window code.
    legacy = TimestampSigner(salt="courses.live.attendance").sign(f"{session.pk}:in")
    assert client.get(reverse("live:check", args=[legacy])).status_code == 404
    client.force_login(user)  # not enrolled on the course
    assert client.get(reverse("live:check", args=[token])).status_code == 404


def test_the_roster_shows_each_check_in_and_out_to_the_second(client, session, instructor, learner):
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(8, 57, 41))
    attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 31, 5))
    late = EnrollmentFactory(course=session.course).student
    live_services.attendance_record(
        session=session,
        student=late,
        checked_in_at=at(9, 40),
        checked_out_at=at(12, 30) + timedelta(days=1),  # a slip of the instructor's, kept as typed
        by=instructor,
    )
    client.force_login(instructor)
    page = client.get(reverse("live:session", args=[session.pk])).content.decode()
    assert f'<time datetime="{at(8, 57, 41).isoformat()}">08:57:41</time>' in page
    assert '>12:31:05</time> <span class="muted small">(QR code scanned by the learner)' in page
    assert '>09:40:00</time> <span class="muted small">(Recorded by an instructor)' in page
    assert ">15 Mar 12:30:00</time>" in page


# --- Instructors' pages --------------------------------------------------------------------------


def test_only_the_schools_instructors_manage_sessions(client, session, learner, live_course):
    urls = [
        reverse("live:sessions", args=[live_course.pk]),
        reverse("live:session_new", args=[live_course.pk]),
        reverse("live:session", args=[session.pk]),
        reverse("live:session_edit", args=[session.pk]),
        reverse("live:session_qr", args=[session.pk, CHECK_IN]),
        reverse("live:attendance_csv", args=[live_course.pk]),
    ]
    other = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user  # another school
    reviewer = SchoolMembershipFactory(
        school=live_course.school, role=SchoolMembership.Role.REVIEWER
    ).user
    for who in (learner, other, reviewer):
        client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_an_instructor_schedules_a_session_with_breaks(client, live_course, instructor):
    client.force_login(instructor)
    form = {
        "title": "Lab day",
        "starts_at": "2026-04-01T09:00",
        "ends_at": "2026-04-01T17:00",
        "location": "Studio",
        "breaks-TOTAL_FORMS": "2",
        "breaks-INITIAL_FORMS": "0",
        "breaks-0-starts_at": "2026-04-01T12:00",
        "breaks-0-ends_at": "2026-04-01T13:00",
        "breaks-0-label": "Lunch",
    }
    response = client.post(reverse("live:session_new", args=[live_course.pk]), form)
    session = LiveSession.objects.get(title="Lab day")
    assert response.status_code == 302 and session.created_by == instructor
    assert list(session.breaks.values_list("label", flat=True)) == ["Lunch"]
    page = client.get(reverse("live:session", args=[session.pk])).content.decode()
    assert "420 minutes: 8 CE hours" in page

    form["breaks-0-ends_at"] = "2026-04-01T18:00"  # past the end of the session
    response = client.post(reverse("live:session_edit", args=[session.pk]), form)
    assert response.status_code == 200
    assert escape(live_services.BREAK_OUTSIDE_SESSION) in response.content.decode()


def test_an_instructor_records_attendance_by_hand(client, session, instructor, learner, user):
    client.force_login(instructor)
    url = reverse("live:session", args=[session.pk])
    response = client.post(
        url,
        {
            "student": learner.pk,
            "checked_in_at": "2026-03-14T09:00",
            "checked_out_at": "2026-03-14T12:30",
        },
        follow=True,
    )
    assert "Attendance recorded" in response.content.decode()
    attendance = Attendance.objects.get(student=learner)
    assert attendance.recorded_by == instructor and attendance.full_attendance
    assert attendance.check_in_method == Attendance.Method.MANUAL
    response = client.post(
        url,
        {
            "student": learner.pk,
            "checked_in_at": "2026-03-14T12:00",
            "checked_out_at": "2026-03-14T09:00",
        },
        follow=True,
    )
    assert live_services.OUT_BEFORE_IN in response.content.decode()
    response = client.post(url, {"student": user.pk, "checked_in_at": "2026-03-14T09:00"})
    assert response.status_code == 404


def test_the_attendance_roster_exports_hours_and_methods(client, session, instructor, learner):
    learner.display_name = "=HYPERLINK(evil)"
    learner.save()
    attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9))
    attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 30))
    client.force_login(instructor)
    response = client.get(reverse("live:attendance_csv", args=[session.course_id]))
    text = b"".join(response.streaming_content).decode()
    header, row = text.strip().splitlines()
    assert header.startswith("Session,Session starts")
    assert "'=HYPERLINK(evil)" in row and ",180,3,yes," in row


def test_skills_are_signed_off_per_learner_and_kept_when_the_checklist_changes(
    client, skills, enrollment, instructor
):
    client.force_login(instructor)
    url = reverse("live:skills", args=[enrollment.course_id, enrollment.pk])
    assert "0 of 2 skills signed off" in client.get(url).content.decode()
    response = client.post(url, {"items": [skills[0].pk]}, follow=True)
    assert "1 of 2 skills signed off" in response.content.decode()
    signoff = SkillSignoff.objects.get()
    assert signoff.instructor == instructor and signoff.item_text == skills[0].text
    assert skill_signoff(item=skills[0], student=enrollment.student, by=instructor) == signoff

    module = skills[0].module.specific
    module.skills = [SkillsChecklistItem(pk=skills[1].pk, text=skills[1].text)]
    module.save_revision().publish()
    signoff.refresh_from_db()
    assert signoff.item_id is None and signoff.item_text == skills[0].text
    assert "Earlier sign-offs" in client.get(url).content.decode()


# --- Completion: the Certificate of Completion rests on recorded attendance ----------------------


def test_a_live_course_completes_only_with_full_attendance_and_every_skill(
    session, skills, enrollment, instructor, django_capture_on_commit_callbacks
):
    learner = enrollment.student
    read_every_lesson(enrollment)
    progress = course_completion(enrollment=fresh(enrollment))
    assert not progress.complete and progress.live.summary == (
        "0 of 1 live session attended, 0 of 2 skills signed off"
    )
    with django_capture_on_commit_callbacks(execute=True):
        attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9))
        attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12))
        for item in skills:
            skill_signoff(item=item, student=learner, by=instructor)
    assert fresh(enrollment).completed_at is None  # left 30 minutes early

    with django_capture_on_commit_callbacks(execute=True):
        attendance_check(session=session, user=learner, action=CHECK_OUT, now=at(12, 30))
    assert fresh(enrollment).completed_at is not None
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate_kind(enrollment.course) == CertificateKind.COMPLETION
    assert certificate.course_id == enrollment.course_id


def test_a_cancelled_session_is_not_required(session, enrollment, instructor):
    read_every_lesson(enrollment)
    assert not course_completion(enrollment=fresh(enrollment)).complete
    live_session_save(
        course=session.course,
        by=instructor,
        session=session,
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        breaks=[],
        cancelled=True,
    )
    assert course_completion(enrollment=fresh(enrollment)).complete


def test_a_course_without_sessions_or_skills_completes_as_before(course, user):
    enrollment = EnrollmentFactory(course=course, student=user)
    read_every_lesson(enrollment)
    completion = course_completion(enrollment=fresh(enrollment))
    assert completion.complete and not completion.live.required


# --- Query counts do not grow with learners, sessions or skills ----------------------------------


def add_learners(course, count):
    return [EnrollmentFactory(course=course).student for _ in range(count)]


def test_the_roster_and_sessions_pages_cost_the_same_for_3_or_30_learners(
    client, session, instructor, django_assert_num_queries, django_assert_max_num_queries
):
    course = session.course
    client.force_login(instructor)
    urls = [
        reverse("live:session", args=[session.pk]),
        reverse("live:sessions", args=[course.pk]),
    ]
    add_learners(course, 3)
    counts = []
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(10) as ctx:  # a cap, then equality below
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    for learner in add_learners(course, 27):
        attendance_check(session=session, user=learner, action=CHECK_IN, now=at(9))
    live_session_save(
        course=course, by=instructor, title="Second", starts_at=at(13), ends_at=at(15), breaks=[]
    )
    for url, small in zip(urls, counts, strict=True):
        with django_assert_num_queries(small):
            assert client.get(url).status_code == 200


def test_live_progress_is_one_query_whatever_the_numbers(
    session, skills, enrollment, instructor, django_assert_num_queries
):
    for _ in range(5):
        live_session_save(
            course=session.course,
            by=instructor,
            title="More",
            starts_at=at(13),
            ends_at=at(14),
            breaks=[],
        )
    with django_assert_num_queries(1):
        progress = live_progress(course=session.course, student_id=enrollment.student_id)
    assert len(progress.session_ids) == 6 and len(progress.skill_ids) == 2


def test_the_module_editor_offers_the_practical_skills_checklist(client, live_course, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    module = ModulePage.objects.child_of(live_course).first()
    page = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert "Practical-skills checklist" in page
    lesson = LessonPage.objects.descendant_of(live_course).first()
    page = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    assert "Minimum reading time (minutes)" in page
