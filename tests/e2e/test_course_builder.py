"""The course builder in a real browser: an instructor builds a module of three lessons and a
quiz, reorders by keyboard and by drag and drop, submits the course once; a reviewer approves
once and the whole course is live. And Wagtail's create-form autosave racing "Save draft"."""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Page, Site

from courses.models import LessonPage, ModulePage
from courses.services.schools import school_create
from quizzes.models import QuizPage
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Role = SchoolMembership.Role


@pytest.fixture
def world(live_server):
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    catalog = CourseIndexPageFactory(parent=home)
    school = school_create(name="Valley School", slug="valley", catalog=catalog)
    people = {}
    for role in (Role.INSTRUCTOR, Role.REVIEWER):
        people[role] = UserFactory(email=f"{role}@valley.example")
        school_member_add(school=school, user=people[role], role=role)
    course = CoursePageFactory.build(
        title="Palpation basics", slug="palpation-basics", school=school, ce_hours=Decimal(0)
    )
    course.live = False
    school.section.add_child(instance=course)
    course.save_revision(user=people[Role.INSTRUCTOR], clean=False)
    return {"course": course, **people}


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def add(page, parent_title: str, title: str, kind: str | None = None):
    form = page.get_by_role("group", name=f"Add to “{parent_title}”")
    if kind:
        form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Title").fill(title)
    form.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"“{title}” added as a draft.")).to_be_visible()


def lesson_order(module) -> list[str]:
    return [p.draft_title for p in Page.objects.get(pk=module.pk).get_children().order_by("path")]


def test_build_reorder_submit_and_approve_a_course(page, live_server, world, axe_js):
    course = world["course"]
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, live_server, world[Role.INSTRUCTOR])
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[course.pk]))
    header = page.get_by_role("navigation", name="Actions", exact=True)
    header.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Course outline").click()
    expect(page.get_by_role("heading", name="Outline of “Palpation basics”")).to_be_visible()

    add(page, "Palpation basics", "Module one")
    for title in ("Lesson A", "Lesson B", "Lesson C"):
        add(page, "Module one", title)
    add(page, "Module one", "Check yourself", kind="quiz")
    module = ModulePage.objects.get(title="Module one")
    assert lesson_order(module) == ["Lesson A", "Lesson B", "Lesson C", "Check yourself"]

    # Keyboard: the Up button of Lesson C, pressed with Enter, keeps the focus and announces.
    up = page.get_by_role("button", name="Move “Lesson C” up")
    up.focus()
    page.keyboard.press("Enter")
    status = page.locator("[data-outline-status]")
    expect(status).to_have_text("Moved “Lesson C” up: position 2 of 4.")
    expect(up).to_be_focused()
    assert lesson_order(module) == ["Lesson A", "Lesson C", "Lesson B", "Check yourself"]

    # Mouse: drag Lesson A by its handle onto Lesson B.
    handle = page.locator("#item-{} [data-outline-handle]".format(
        LessonPage.objects.get(title="Lesson A").pk))  # fmt: skip
    handle.drag_to(
        page.locator(f"#item-{LessonPage.objects.get(title='Lesson B').pk} .outline-row")
    )
    expect(status).to_have_text("Moved “Lesson A”: position 3 of 4.")
    assert lesson_order(module) == ["Lesson C", "Lesson B", "Lesson A", "Check yourself"]

    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(
        "async () => (await axe.run('[data-course-outline]')).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    )
    assert violations == []

    page.get_by_role("button", name="Submit course for review").click()
    expect(page.get_by_text("Submitted the course for review: 6 pages.")).to_be_visible()

    sign_in(page, live_server, world[Role.REVIEWER])
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    page.get_by_role("link", name="Palpation basics").first.click()
    expect(page.get_by_role("heading", name="What changes")).to_be_visible()
    expect(page.get_by_text("6 pages new or changed; 0 unchanged.")).to_be_visible()
    page.get_by_role("button", name="Approve and publish all").click()
    expect(page.get_by_text("Approved: “Palpation basics” and its pages are live.")).to_be_visible()

    pages = Page.objects.descendant_of(course, inclusive=True)
    assert pages.count() == 6 and all(p.live for p in pages)
    assert lesson_order(module) == ["Lesson C", "Lesson B", "Lesson A", "Check yourself"]
    assert QuizPage.objects.get(title="Check yourself").live
    assert errors == []


AUTOSAVE_NOW = """async (form) => {
    // Wagtail's autosave, as its timer runs it half a second after typing, awaited to its end.
    const autosave = window.wagtail.app.getControllerForElementAndIdentifier(form, "w-autosave");
    if (!autosave) return;
    await autosave.save(new Event("input"));
    if (autosave.submitPromise) await autosave.submitPromise;
}"""


def test_save_draft_right_after_autosave_creates_the_page_once(page, live_server, world):
    """The race of issue 16: the autosave request reaches the server (which would create the
    page) but its answer is still on its way when the author presses Save draft."""
    course = world["course"]
    sign_in(page, live_server, world[Role.INSTRUCTOR])
    autosaves = []

    def answer_lost(route):
        if "application/json" in (route.request.headers.get("accept") or ""):
            autosaves.append(route.request.url)
            route.fetch()  # the server handles it ...
            route.abort()  # ... and the browser has not heard back yet
        else:
            route.continue_()

    page.route("**/admin/pages/add/**", answer_lost)
    page.goto(
        live_server.url
        + reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    )
    page.locator("#id_title").press_sequentially("Anatomy")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("anatomy")
    page.locator("form[data-edit-form]").evaluate(AUTOSAVE_NOW)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'Anatomy' created.")).to_be_visible()
    expect(page.get_by_text("is already in use within the parent page")).to_have_count(0)
    assert autosaves == []
    assert ModulePage.objects.filter(title="Anatomy").count() == 1


def test_an_abandoned_new_page_form_leaves_no_draft(page, live_server, world):
    course = world["course"]
    sign_in(page, live_server, world[Role.INSTRUCTOR])
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(
        live_server.url
        + reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    )
    page.locator("#id_title").press_sequentially("Never saved")
    form = page.locator("form[data-edit-form]")
    expect(form).to_have_attribute("data-w-autosave-active-value", "false")
    form.evaluate(AUTOSAVE_NOW)
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    assert not Page.objects.filter(title="Never saved").exists()
    # Once saved by the author, the edit form autosaves as Wagtail means it to.
    page.goto(
        live_server.url
        + reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])
    )
    page.locator("#id_title").press_sequentially("Saved once")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("saved-once")
    page.get_by_role("button", name="Save draft").click()
    edit_form = page.locator("form[data-edit-form]")
    expect(edit_form).not_to_have_attribute("data-w-autosave-active-value", "false")
