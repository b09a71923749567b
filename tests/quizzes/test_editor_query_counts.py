"""The question editor's pages cost the same number of queries however many rows a question
has or how many questions are selected: the edit page, the live preview and the bulk action."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CourseObjective
from tests.factories import CoursePageFactory
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.answer_post import answer_post
from tests.quizzes.conftest import make_question
from tests.quizzes.test_admin_banks import url

admin_access = shared.admin_access
instructor = shared.instructor

pytestmark = pytest.mark.django_db


def choices(count):
    rows = [{"text": f"Choice {i}", "fraction": "0", "feedback": f"F{i}"} for i in range(count)]
    rows[0]["fraction"] = "1"
    return {"choices": rows}


def queries(client, method, address, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = (
            getattr(client, method)(address, data) if data else getattr(client, method)(address)
        )
    assert response.status_code == 200
    return len(captured)


def test_edit_page_and_preview_cost_the_same_for_3_or_30_choices(client, instructor, bank):
    small = make_question(bank, data=choices(3), name="Small")
    large = make_question(bank, data=choices(30), name="Large")
    client.force_login(instructor)
    client.get(url("quizzes_question:edit", small.pk))  # warm caches (site, content types)
    assert queries(client, "get", url("quizzes_question:edit", small.pk)) == queries(
        client, "get", url("quizzes_question:edit", large.pk)
    )
    preview = url("quizzes_question:preview_draft", bank=bank.pk, qtype="single_choice")
    small_post = {"name": "x", "default_mark": "1"} | answer_post("single_choice", choices(3))
    large_post = {"name": "x", "default_mark": "1"} | answer_post("single_choice", choices(30))
    assert queries(client, "post", preview, small_post) == queries(
        client, "post", preview, large_post
    )


def test_bulk_page_costs_the_same_for_3_or_30_questions(client, instructor, bank, catalog):
    course = CoursePageFactory(parent=catalog, school=bank.school, title="Ours")
    CourseObjective.objects.create(course=course, text="Locate")
    ids = [make_question(bank, name=f"Q{i}").pk for i in range(30)]
    client.force_login(instructor)

    def page(count):
        return url("quizzes_question:objectives") + "?" + "&".join(f"id={i}" for i in ids[:count])

    client.get(page(3))
    assert queries(client, "get", page(3)) == queries(client, "get", page(30))
