"""The question editor in Chromium: a hotspot region drawn with the mouse, moved and resized
with the keyboard, saved as a new version, and the question seen in the learner's preview;
the page runs under the site's CSP (no inline script)."""

from decimal import Decimal

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from quizzes.models import Question, QuestionBank
from quizzes.services.questions import question_create
from schools.models import SchoolMembership
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def hotspot(live_server):
    ensure_wagtail_roots()
    school = SchoolFactory()
    bank = QuestionBank.objects.create(school=school, name="Anatomy")
    author = UserFactory()
    access = Group.objects.create(name="Admin access")
    access.permissions.add(Permission.objects.get(codename="access_admin"))
    author.groups.add(access)
    SchoolMembershipFactory(school=school, user=author, role=SchoolMembership.Role.INSTRUCTOR)
    image = wagtail_factories.ImageFactory(file__width=800, file__height=600)
    question = question_create(
        bank=bank,
        name="Find the upper trapezius",
        qtype="hotspot",
        stem="<p>Place the marker on the upper trapezius.</p>",
        data={
            "image": image.pk,
            "description": "An upper back seen from behind.",
            "distractors": ["Shoulder blade", "Lower back"],
            "regions": [
                {"shape": "circle", "cx": "0.5", "cy": "0.3", "r": "0.1", "fraction": "1",
                 "feedback": "", "label": "Upper trapezius"},
            ],
        },
    )  # fmt: skip
    return question, author


def test_draw_a_region_move_it_by_keyboard_save_and_preview(page, live_server, hotspot):
    question, author = hotspot
    signed_in(page, live_server, author)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + reverse("quizzes_question:edit", args=[question.pk]))

    # The live preview shows the question as learners see it.
    page.wait_for_selector("[data-qe-preview] fieldset.question--hotspot")
    stage = page.locator("[data-qe-svg]")
    stage.wait_for()
    page.wait_for_function("document.querySelector('[data-qe-image]').naturalWidth > 0")
    assert page.locator("[data-qe-region-list] button").count() == 1

    # Draw a circle with the mouse: press at 25% across, 60% down; drag 10% to the right.
    stage.evaluate("svg => svg.scrollIntoView({block: 'center'})")
    box = stage.bounding_box()
    x, y = box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + box["width"] * 0.05, y, steps=3)
    page.mouse.move(x + box["width"] * 0.1, y, steps=3)
    page.mouse.up()
    row = page.locator("[data-qe-part=regions] [data-qe-row]").nth(1)
    assert row.locator("[name$='-shape']").input_value() == "circle"
    assert abs(float(row.locator("[name$='-cx']").input_value()) - 0.25) < 0.01
    assert abs(float(row.locator("[name$='-r']").input_value()) - 0.1) < 0.01
    row.locator("[name$='-label']").fill("Deltoid, the cap of the shoulder")

    # Select it in the list of regions and move it by keyboard: 3 steps right, 1 up, bigger.
    region = page.locator("[data-qe-region-list] button").nth(1)
    region.focus()
    for key in ("ArrowRight", "ArrowRight", "ArrowRight", "ArrowUp", "+"):
        page.keyboard.press(key)
    assert "Deltoid" in page.locator("[data-qe-status]").inner_text()
    assert abs(float(row.locator("[name$='-cx']").input_value()) - 0.28) < 0.011
    assert abs(float(row.locator("[name$='-cy']").input_value()) - 0.59) < 0.011

    page.locator("#w-editor-form button[type=submit]").first.click()
    page.wait_for_url("**/questions/?bank=*")

    question = Question.objects.select_related("current_version").get(pk=question.pk)
    assert question.current_version.number == 2
    regions = question.current_version.data["regions"]
    assert [r["label"] for r in regions] == ["Upper trapezius", "Deltoid, the cap of the shoulder"]
    drawn = regions[1]
    assert abs(Decimal(drawn["cx"]) - Decimal("0.28")) < Decimal("0.011")
    assert abs(Decimal(drawn["cy"]) - Decimal("0.59")) < Decimal("0.011")
    assert Decimal(drawn["r"]) > Decimal("0.1")

    page.goto(live_server.url + reverse("quizzes_question:preview", args=[question.pk]))
    preview = page.locator(".question-preview fieldset.question--hotspot")
    assert "Version 2" in page.locator("main").inner_text()
    assert preview.locator("img.hotspot__image").count() == 1
    assert problems == []
