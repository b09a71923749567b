"""The enrolled learner's lesson view (courses/enrolled_lesson/): the page Wagtail's
LessonPage.serve would give, for less; every unusual request left to Wagtail; nothing of one
learner in another's page; repeat visits counted in batches without losing any."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from cms import page_cache
from courses.enrolled_lesson import view as enrolled_lesson_view
from courses.models import CoursePrerequisite, Enrollment, LessonPage, LessonVisit, ModulePage
from courses.selectors import lock_facts, visited_lesson_ids
from courses.selectors.reader import lesson_reader_facts
from courses.services import visit_counts
from courses.templatetags.lesson_tags import VISITED_TICK
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|data-csrf=")[^"]+')


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def main_of(response) -> str:
    html = response.content.decode()
    return TOKEN.sub(r"\1", html[html.index("<main") : html.index("</main>")])


@pytest.fixture
def served_by_wagtail(monkeypatch):
    """The lessons LessonPage.serve answered (the fast view answers the others)."""
    served = []
    original = LessonPage.serve

    def serve(self, request, *args, **kwargs):
        served.append(self.pk)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(LessonPage, "serve", serve)
    return served


@pytest.fixture
def wagtail_only():
    """use_fast(False) turns the fast view off: every request takes Wagtail's path."""
    with pytest.MonkeyPatch.context() as patch:

        def use_fast(on: bool) -> None:
            if on:
                patch.undo()
            else:
                patch.setattr(enrolled_lesson_view, "enrolled_lesson", lambda request, path: None)

        yield use_fast


@pytest.fixture(autouse=True)
def no_counts_left_behind(db):
    """A test's batched counts are written inside its own transaction, never a later test's."""
    yield
    visit_counts.lesson_visit_counts_flush()


@pytest.fixture(autouse=True)
def caches_on(settings, tmp_path):
    """The content cache as in production (the fast view needs it), in a generation of the
    test's own: a rolled-back test's ids come back in the next one."""
    settings.CONTENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    page_cache.invalidate()
    yield
    cache.clear()


def enrolled(course, **fields):
    user = UserFactory(**fields)
    EnrollmentFactory(student=user, course=course)
    return user


# --- The same page as Wagtail's -----------------------------------------------------------------


@pytest.mark.django_db
def test_enrolled_lesson_is_the_page_wagtail_serves(
    client, course, served_by_wagtail, wagtail_only
):
    """Two learners in the same state: one through the fast view, one through Wagtail's, on a
    first visit and on a repeat visit (the ticks)."""
    lessons = lessons_of(course)
    fast, slow = enrolled(course), enrolled(course)
    pages = {}
    for name, user, on in (("fast", fast, True), ("slow", slow, False)):
        wagtail_only(on)
        client.force_login(user)
        first = client.get(lessons[1].url)
        client.get(lessons[0].url)
        again = client.get(lessons[1].url)
        pages[name] = [(r.status_code, r["Content-Type"], main_of(r)) for r in (first, again)]
    assert served_by_wagtail == [lessons[1].pk, lessons[0].pk, lessons[1].pk]
    assert pages["fast"] == pages["slow"]
    status, _, again = pages["fast"][1]
    assert status == 200 and again.count(VISITED_TICK) == 2
    assert LessonVisit.objects.get(student=fast, lesson=lessons[1]).visit_count == 2


@pytest.mark.django_db
def test_lesson_republished_since_enrolment_says_so_on_both_paths(
    client, course, served_by_wagtail, wagtail_only
):
    lesson = lessons_of(course)[0]
    learners = [enrolled(course), enrolled(course)]
    Enrollment.objects.update(enrolled_at=timezone.now() - timedelta(days=3))
    LessonPage.objects.filter(pk=lesson.pk).update(
        first_published_at=timezone.now() - timedelta(days=9),
        last_published_at=timezone.now() - timedelta(days=1),
    )
    mains = []
    for user, on in zip(learners, (True, False), strict=True):
        wagtail_only(on)
        client.force_login(user)
        response = client.get(lesson.url)
        assert response.status_code == 200
        mains.append(main_of(response))
    assert served_by_wagtail == [lesson.pk]
    assert "Read the version you enrolled in" in mains[0]
    assert mains[0] == mains[1]


# --- Left to Wagtail --------------------------------------------------------------------------


def messages_cookie() -> str:
    return CookieStorage(HttpRequest())._encode([Message(constants.SUCCESS, "Enrolled: welcome.")])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", ["visitor", "not enrolled", "suspended", "staff", "query", "message", "admin"]
)
def test_unusual_requests_are_served_by_wagtail(client, course, served_by_wagtail, case):
    lesson = lessons_of(course)[0]
    expected = {"visitor": 403, "not enrolled": 403, "suspended": 403}.get(case, 200)
    if case == "staff":
        client.force_login(UserFactory(is_staff=True))
    elif case == "admin":
        client.force_login(enrolled(course, is_staff=True))
    elif case == "not enrolled":
        client.force_login(UserFactory())
    elif case != "visitor":
        user = enrolled(course)
        client.force_login(user)
        if case == "suspended":
            Enrollment.objects.update(status=Enrollment.Status.SUSPENDED)
        if case == "message":
            client.cookies["messages"] = messages_cookie()
    response = client.get(lesson.url + ("?version=enrolled" if case == "query" else ""))
    assert response.status_code == expected
    assert served_by_wagtail == [lesson.pk]
    if case == "message":
        assert "Enrolled: welcome." in response.content.decode()


def dripped_lesson(catalog):
    """A course of one lesson, in a module that opens in a month."""
    course = build_course(catalog, modules=1, lessons_per_module=1)
    module = ModulePage.objects.child_of(course).get()
    module.opens_on = timezone.localdate() + timedelta(days=30)
    module.save_revision().publish()
    return course, lessons_of(course)[0]


@pytest.mark.django_db
def test_drip_locked_and_prerequisite_lessons_are_refused_by_wagtail(
    client, catalog, served_by_wagtail
):
    course, lesson = dripped_lesson(catalog)
    client.force_login(enrolled(course))
    response = client.get(lesson.url)
    assert response.status_code == 403 and "Opens on" in response.content.decode()

    other = build_course(catalog, modules=1, lessons_per_module=1)
    CoursePrerequisite.objects.create(course=other, required_course=course)
    other_lesson = lessons_of(other)[0]
    client.force_login(enrolled(other))
    response = client.get(other_lesson.url)
    assert response.status_code == 403 and "first: this course requires it" in (
        response.content.decode()
    )
    assert served_by_wagtail == [lesson.pk, other_lesson.pk]


@pytest.mark.django_db
def test_a_course_whose_prerequisites_are_completed_is_read_on_the_fast_path(
    client, catalog, served_by_wagtail, wagtail_only
):
    """Prerequisites met, the learner gets the fast view's page, the same as Wagtail's."""
    required = build_course(catalog, modules=1, lessons_per_module=1)
    course = build_course(catalog, modules=1, lessons_per_module=2)
    CoursePrerequisite.objects.create(course=course, required_course=required)
    lesson = lessons_of(course)[0]
    mains = []
    for on in (True, False):
        wagtail_only(on)
        user = enrolled(course)
        EnrollmentFactory(student=user, course=required, completed_at=timezone.now())
        client.force_login(user)
        response = client.get(lesson.url)
        assert response.status_code == 200
        mains.append(main_of(response))
    assert served_by_wagtail == [lesson.pk]
    assert mains[0] == mains[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", ["none", "completed", "not completed", "suspended", "unpublished", "two, one done"]
)
def test_reader_facts_lock_on_prerequisites_as_lock_facts_does(catalog, case):
    """The fast view's one query and courses.selectors.lock_facts() agree on every case."""
    course = build_course(catalog, modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    user = enrolled(course)
    required = [] if case == "none" else [build_course(catalog, modules=1, lessons_per_module=1)]
    if case == "two, one done":
        required.append(build_course(catalog, modules=1, lessons_per_module=1))
    for n, other in enumerate(required):
        CoursePrerequisite.objects.create(course=course, required_course=other)
        status = Enrollment.Status.SUSPENDED if case == "suspended" else Enrollment.Status.ACTIVE
        done = case in ("completed", "suspended", "unpublished") or (case != "not completed" and n)
        EnrollmentFactory(
            student=user, course=other, status=status, completed_at=timezone.now() if done else None
        )
    if case == "unpublished":
        required[0].unpublish()
    expected = (
        Enrollment.objects.filter(student=user, course=course)
        .annotate(**lock_facts(user=user, page=lesson))
        .values_list("lock_blocked", flat=True)
        .get()
    )
    facts = lesson_reader_facts(student_id=user.pk, course_id=course.pk)
    assert facts.prerequisite_missing == bool(expected)
    assert facts.prerequisite_missing == (case in ("not completed", "suspended", "two, one done"))


@pytest.mark.django_db
def test_free_preview_in_an_unopened_module_is_still_read_by_the_enrolled_learner(
    client, catalog, served_by_wagtail
):
    course, lesson = dripped_lesson(catalog)
    lesson.free_preview = True
    lesson.save_revision().publish()
    user = enrolled(course)
    client.force_login(user)
    assert client.get(lesson.url).status_code == 200
    assert served_by_wagtail == []
    assert LessonVisit.objects.filter(student=user, lesson=lesson).exists()


# --- One learner's page never shows another's --------------------------------------------------


@pytest.mark.django_db
def test_the_shared_shell_shows_nothing_of_the_learner_it_was_made_for(
    client, course, served_by_wagtail
):
    lessons = lessons_of(course)
    alice = enrolled(course, email="alice.only@example.com", display_name="Alicewyn")
    bob = enrolled(course, email="bob@example.com", display_name="Bobbert")
    client.force_login(alice)
    client.get(lessons[0].url)
    client.get(lessons[2].url)
    alice_page = client.get(lessons[1].url)
    alice_token = TOKEN.search(alice_page.content.decode())[0]
    assert alice_page.content.decode().count(VISITED_TICK) == 3

    client.force_login(bob)
    bob_page = client.get(lessons[1].url).content.decode()
    assert served_by_wagtail == []
    assert bob_page.count(VISITED_TICK) == 1  # only the lesson he is reading
    for trace in ("alice.only", "Alicewyn", alice_token.split('"')[-1]):
        assert trace not in bob_page
    assert TOKEN.search(bob_page) is not None
    # The same shell, filled for each: the pages differ only in ticks and tokens.
    unmarked = [TOKEN.sub("", page).replace(VISITED_TICK, "") for page in (
        alice_page.content.decode(), bob_page)]  # fmt: skip
    assert unmarked[0] == unmarked[1]


@pytest.mark.django_db
def test_a_publish_makes_a_new_shell(client, course, django_capture_on_commit_callbacks):
    lesson = lessons_of(course)[0]
    client.force_login(enrolled(course))
    assert "Renamed lesson" not in client.get(lesson.url).content.decode()
    lesson.title = "Renamed lesson"
    with django_capture_on_commit_callbacks(execute=True):  # a publish starts a generation
        lesson.save_revision().publish()
    assert "Renamed lesson" in client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_a_warm_enrolled_lesson_costs_one_query_beside_the_user(
    client, course, django_assert_num_queries, settings
):
    settings.LESSON_VISIT_FLUSH_SECONDS = 3600
    lesson = lessons_of(course)[0]
    client.force_login(enrolled(course))
    client.get(lesson.url)  # fills the caches and writes the first visit
    # The user, and the learner's enrolment with their visited lessons (the session is read
    # from the cache, cached_db).
    with django_assert_num_queries(2):
        assert client.get(lesson.url).status_code == 200


# --- Reads and visit counts --------------------------------------------------------------------


@pytest.mark.django_db
def test_reader_facts_are_the_active_enrolment_and_the_visited_lessons(course):
    lessons = lessons_of(course)
    user = enrolled(course)
    for lesson in lessons[:2]:
        LessonVisit.objects.create(student=user, lesson=lesson, course=course)
    facts = lesson_reader_facts(student_id=user.pk, course_id=course.pk)
    enrollment = Enrollment.objects.get(student=user)
    assert facts.enrolled_at == enrollment.enrolled_at
    assert facts.visited_lesson_ids == visited_lesson_ids(user=user, course=course)
    Enrollment.objects.update(status=Enrollment.Status.REVOKED)
    assert lesson_reader_facts(student_id=user.pk, course_id=course.pk) is None


@pytest.mark.django_db
def test_repeat_visits_wait_for_the_batch_then_arrive_in_one_statement(
    course, settings, django_assert_num_queries
):
    settings.LESSON_VISIT_FLUSH_SECONDS = 3600
    lessons = lessons_of(course)
    users = [enrolled(course), enrolled(course)]
    for user in users:
        LessonVisit.objects.create(student=user, lesson=lessons[0], course=course)
    later = timezone.now() + timedelta(minutes=5)
    with django_assert_num_queries(0):
        for user in users:
            visit_counts.lesson_visit_count(student_id=user.pk, lesson_id=lessons[0].pk)
        visit_counts.lesson_visit_count(student_id=users[0].pk, lesson_id=lessons[0].pk, now=later)
    with django_assert_num_queries(1):
        assert visit_counts.lesson_visit_counts_flush() == 2
    first, second = (LessonVisit.objects.get(student=user) for user in users)
    assert (first.visit_count, second.visit_count) == (3, 2)
    assert first.last_visited_at == later


@pytest.mark.django_db
def test_a_batch_never_brings_back_a_deleted_visit(course, settings):
    settings.LESSON_VISIT_FLUSH_SECONDS = 3600
    lesson = lessons_of(course)[0]
    user = enrolled(course)
    visit = LessonVisit.objects.create(student=user, lesson=lesson, course=course)
    visit_counts.lesson_visit_count(student_id=user.pk, lesson_id=lesson.pk)
    # Erased behind the batch's back (retention allows it only for erasures).
    LessonVisit.objects.filter(pk=visit.pk)._raw_delete(LessonVisit.objects.db)
    assert visit_counts.lesson_visit_counts_flush() == 0
    assert not LessonVisit.objects.exists()


@pytest.mark.django_db
def test_a_full_batch_is_written_at_once(course, settings):
    settings.LESSON_VISIT_FLUSH_SECONDS = 3600
    settings.LESSON_VISIT_FLUSH_ROWS = 2
    lessons = lessons_of(course)
    user = enrolled(course)
    for lesson in lessons[:2]:
        LessonVisit.objects.create(student=user, lesson=lesson, course=course)
        visit_counts.lesson_visit_count(student_id=user.pk, lesson_id=lesson.pk)
    assert sorted(LessonVisit.objects.values_list("visit_count", flat=True)) == [2, 2]
