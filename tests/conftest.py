import os

import pytest
from django.conf import settings
from playwright.sync_api import expect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from tests import fast_flush
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

# Browser assertions wait for the page: a busy 2-core machine can take seconds to answer an
# autosave, and waiting longer costs a passing test nothing (Playwright's default is 5 s).
expect.set_options(timeout=30_000)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server


@pytest.fixture(scope="session", autouse=True)
def _fast_flush_after_transactional_tests():
    fast_flush.install()
    yield
    fast_flush.uninstall()


@pytest.fixture(autouse=True)
def _no_worker_hints():
    """Each test starts as a fresh worker: hints read in another test's database (whose ids
    repeat) would send a save down the one-statement path the test does not mean to take."""
    from quizzes import place_hints, slot_hints

    place_hints.forget_all()
    slot_hints.forget_all()


def ensure_wagtail_roots() -> None:
    """Wagtail's locale, root page and root collection, as its migrations create them.

    A transactional test ends by emptying every table, migration data included, so a later
    transactional test (or a reused database) may start without them.
    """
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        locale, _ = Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def home(db):
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def catalog(home):
    return CourseIndexPageFactory(parent=home)


def build_course(catalog, *, modules: int = 1, lessons_per_module: int = 5, **fields):
    course = CoursePageFactory(parent=catalog, **fields)
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        for _ in range(lessons_per_module):
            LessonPageFactory(parent=module)
    return course


@pytest.fixture
def course(catalog):
    return build_course(catalog, modules=2, lessons_per_module=3)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True)
