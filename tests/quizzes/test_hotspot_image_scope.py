"""A hotspot question shows learners an image chosen by id: one school's authors can never
pick another school's upload, whether through the editor's chooser or imported data."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from quizzes.admin_views.answer_forms import AnswerEditor
from quizzes.services.questions import IMAGE_NOT_YOURS, question_revise
from schools.selectors import images_for_school
from tests.conftest import ensure_wagtail_roots
from tests.factories import SchoolFactory
from tests.quizzes.conftest import HOTSPOT, make_question

pytestmark = pytest.mark.django_db


def _school_with_collection(name: str):
    ensure_wagtail_roots()  # a transactional test before may have emptied Wagtail's tables
    school = SchoolFactory()
    school.collection = Collection.get_first_root_node().add_child(name=name)
    school.save(update_fields=["collection"])
    return school


def _image(collection, title: str):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(), collection=collection
    )


@pytest.fixture
def schools_and_images():
    ours, theirs = _school_with_collection("Ours"), _school_with_collection("Theirs")
    nested = theirs.collection.add_child(name="Theirs: anatomy")
    return {
        "ours": ours,
        "theirs": theirs,
        "own": _image(ours.collection, "Our back"),
        "shared": _image(Collection.get_first_root_node(), "Shared diagram"),
        "foreign": _image(theirs.collection, "Their back"),
        "foreign_nested": _image(nested, "Their shoulder"),
    }


def test_a_school_may_use_its_own_and_shared_images_only(schools_and_images):
    world = schools_and_images
    usable = set(images_for_school(school_id=world["ours"].pk).values_list("title", flat=True))
    assert usable == {"Our back", "Shared diagram"}


def test_the_editor_refuses_another_schools_image(schools_and_images):
    world = schools_and_images
    editor = AnswerEditor("hotspot", school_id=world["ours"].pk)
    queryset = editor.part["hotspot"].fields["image"].queryset
    assert world["own"] in queryset
    assert world["foreign"] not in queryset
    assert world["foreign_nested"] not in queryset


def test_saved_data_naming_another_schools_image_is_refused(schools_and_images):
    world = schools_and_images
    bank = world["ours"].question_banks.create(name="Bank")
    question = make_question(bank, "hotspot", data={**HOTSPOT, "image": world["own"].pk})
    with pytest.raises(ValidationError) as caught:
        question_revise(question=question, data={**HOTSPOT, "image": world["foreign"].pk})
    assert caught.value.message_dict["data"] == [IMAGE_NOT_YOURS]
    question.refresh_from_db()
    assert question.current_version.data["image"] == world["own"].pk
