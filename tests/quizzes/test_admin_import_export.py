"""Importing a GIFT or Moodle XML file into a bank from the admin, and exporting it as GIFT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quizzes.admin_views.forms import UPLOAD_BAD_SUFFIX
from quizzes.models import Question, QuestionCategory
from quizzes.services.exports import bank_export_gift
from quizzes.services.imports import FILE_TOO_BIG, questions_import
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.conftest import MOODLE_GIFT, make_question
from tests.quizzes.test_admin_banks import refused, url

# Fixtures shared with the other admin tests (pytest finds them by these names).
admin_access = shared.admin_access
instructor = shared.instructor
other_bank = shared.other_bank
other_school = shared.other_school
reviewer = shared.reviewer

GOOD = """// [tag:neck]
::SCM::Which muscle turns the head?{
  =Sternocleidomastoid#Yes
  ~Trapezius#No
}

$CATEGORY: $course$/top/Neck/Deep

::Scalenes::How many scalene muscles are there?{#3:0}

::Posture::Forward head posture loads the neck.{TRUE}
"""
BROKEN = GOOD + "\n::Broken::What?{=a =b\n"  # the unclosed brace is on line 13


def upload(name: str, content: bytes | str) -> SimpleUploadedFile:
    if isinstance(content, str):
        content = content.encode()
    return SimpleUploadedFile(name, content, content_type="text/plain")


def post_file(client, bank, name, content, **kwargs):
    return client.post(url("quizzes_bank:import", bank.pk), {"file": upload(name, content)},
                       **kwargs)  # fmt: skip


def test_import_page_is_shown(client, instructor, bank):
    client.force_login(instructor)
    response = client.get(url("quizzes_bank:import", bank.pk))
    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_valid_gift_file_is_imported_with_counts_per_type(client, instructor, bank):
    client.force_login(instructor)
    response = post_file(client, bank, "neck.gift", GOOD, follow=True)
    assert response.redirect_chain[-1][0] == url("quizzes_question:index", bank=bank.pk)
    message = str(next(iter(response.context["messages"])))
    assert message.startswith("Imported 3 questions into NMT post-test:")
    for part in ("1 single choice", "1 numerical", "1 true/false"):
        assert part in message
    assert set(bank.questions.values_list("name", flat=True)) == {"SCM", "Scalenes", "Posture"}
    assert bank.questions.get(name="Scalenes").category.path == "Neck/Deep"


def test_moodles_own_gift_fixture_is_imported(client, instructor, bank):
    path = MOODLE_GIFT / "questions_in_category.gift.txt"
    client.force_login(instructor)
    response = post_file(client, bank, path.name, path.read_bytes())
    assert response.status_code == 302
    assert bank.questions.count() > 0
    assert QuestionCategory.objects.filter(bank=bank, name="Default for New Features").exists()


def test_moodle_xml_is_imported(client, instructor, bank):
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Posture</text></name>
    <questiontext format="html"><text>Forward head posture loads the neck.</text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text></answer>
  </question>
</quiz>
"""
    client.force_login(instructor)
    response = post_file(client, bank, "export.xml", xml)
    assert response.status_code == 302
    assert bank.questions.get().qtype == "true_false"


def test_broken_file_shows_its_line_and_imports_nothing(client, instructor, bank):
    client.force_login(instructor)
    response = post_file(client, bank, "neck.gift", BROKEN)
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert error.startswith("Nothing was imported. Line 13: ")
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_file_that_is_not_utf8_is_refused_clearly(client, instructor, bank):
    client.force_login(instructor)
    latin1 = "::Café::Is massage relaxing?{TRUE}\n::Crème::Second line?{TRUE}".encode("latin-1")
    response = post_file(client, bank, "latin1.gift", b"\n" + latin1)
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert "not UTF-8" in error
    assert "line 2" in error
    assert not Question.objects.exists()


def test_utf8_with_a_byte_order_mark_is_fine(client, instructor, bank):
    client.force_login(instructor)
    response = post_file(client, bank, "bom.gift", "\ufeff::Café::Relaxing?{TRUE}".encode())
    assert response.status_code == 302
    assert bank.questions.get().name == "Café"


def test_file_over_2_mb_is_refused_before_it_is_read(client, instructor, bank):
    client.force_login(instructor)
    big = b"// padding\n" * (2 * 1024 * 1024 // 11 + 1)
    response = post_file(client, bank, "big.gift", big)
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert error == FILE_TOO_BIG % {"size": "2.1 MB", "limit": "2 MB"}
    assert not Question.objects.exists()


def test_other_file_types_are_refused(client, instructor, bank):
    client.force_login(instructor)
    response = post_file(client, bank, "questions.docx", GOOD)
    assert response.context["form"].errors["file"] == [UPLOAD_BAD_SUFFIX]


def test_import_needs_change_rights_on_the_bank(client, reviewer, instructor, bank, other_bank):
    client.force_login(reviewer)
    assert refused(post_file(client, bank, "neck.gift", GOOD))
    client.force_login(instructor)
    assert post_file(client, other_bank, "neck.gift", GOOD).status_code == 404
    assert not Question.objects.exists()


# --- Export ----------------------------------------------------------------------------------


def test_export_downloads_the_bank_as_gift(client, instructor, bank):
    questions_import(bank=bank, file_name="neck.gift", text=GOOD)
    client.force_login(instructor)
    response = client.get(url("quizzes_bank:export", bank.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nmt-post-test.gift.txt"'
    text = response.content.decode()
    assert text == bank_export_gift(bank=bank)
    assert "::SCM::" in text
    assert "$CATEGORY: $course$/top/Neck/Deep" in text


def test_exported_file_imports_back_the_same_questions(client, instructor, bank, school):
    from quizzes.models import QuestionBank

    questions_import(bank=bank, file_name="neck.gift", text=GOOD)
    client.force_login(instructor)
    exported = client.get(url("quizzes_bank:export", bank.pk)).content
    copy = QuestionBank.objects.create(school=school, name="Copy")
    assert post_file(client, copy, "copy.gift.txt", exported).status_code == 302
    assert sorted(copy.questions.values_list("name", "qtype")) == sorted(
        bank.questions.values_list("name", "qtype")
    )


def test_reviewer_may_export_but_not_another_schools_bank(client, reviewer, bank, other_bank):
    make_question(other_bank, name="Secret")
    client.force_login(reviewer)
    assert client.get(url("quizzes_bank:export", bank.pk)).status_code == 200
    assert client.get(url("quizzes_bank:export", other_bank.pk)).status_code == 404


@pytest.mark.parametrize("name", ["", "!!!"])
def test_export_of_a_bank_whose_name_has_no_letters(client, instructor, bank, name):
    bank.name = name or " "
    bank.save()
    client.force_login(instructor)
    response = client.get(url("quizzes_bank:export", bank.pk))
    assert response["Content-Disposition"] == 'attachment; filename="question-bank.gift.txt"'
