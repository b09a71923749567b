"""The demo curriculum's data files read into the structures the demo loaders take."""

import re
import shutil

import pytest
import yaml

from demo.content_files import (
    CONTENT_DIR,
    ContentError,
    course,
    extra_questions,
)
from demo.content_markdown import markdown_html
from demo.courses import nmt_course, nmt_in_30_minutes
from demo.quizzes.diagram import UPPER_TRAPEZIUS
from demo.quizzes.questions import EXTRA_QUESTIONS

LESSON = "nmt-foundations/04-core-nmt-techniques/01-trigger-point-pressure-release.md"


def lessons(data: dict) -> list[dict]:
    return [lesson for module in data["modules"] for lesson in module["lessons"]]


@pytest.mark.parametrize(
    ("name", "modules", "lesson_count"), [("nmt-foundations", 6, 21), ("nmt-in-30-minutes", 2, 4)]
)
def test_each_course_reads_its_modules_and_lessons_in_order(name, modules, lesson_count):
    data = course(name)
    assert (len(data["modules"]), len(lessons(data))) == (modules, lesson_count)
    assert data["modules"][0]["lessons"][0]["free_preview"] is True
    assert data["instructor"]["name"] == "Dana Whitfield"
    assert data["description"].startswith("<p>") and "<b>Please note:</b>" in data["description"]


def test_the_course_modules_keep_their_data_from_the_files():
    assert course("nmt-foundations") == nmt_course.COURSE
    assert course("nmt-in-30-minutes") == nmt_in_30_minutes.COURSE
    assert extra_questions() == EXTRA_QUESTIONS


@pytest.mark.parametrize("name", ["nmt-foundations", "nmt-in-30-minutes"])
def test_every_lesson_has_a_body_opening_with_text_and_closing_with_references(name):
    for lesson in lessons(course(name)):
        kinds = [kind for kind, _ in lesson["body"]]
        assert kinds[0] == "paragraph" and kinds[-1] == "references", lesson["slug"]
        assert all(html.startswith("<p>") for kind, html in lesson["body"] if kind == "paragraph")


def test_every_citation_key_in_a_lesson_resolves():
    cited = yaml.safe_load((CONTENT_DIR / "citations.yaml").read_text(encoding="utf-8"))
    used = set()
    for path in CONTENT_DIR.rglob("*.md"):
        for block in re.findall(r"```references\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            used.update(yaml.safe_load(block))
    assert used and used <= set(cited)
    for lesson in lessons(course("nmt-foundations")):
        for kind, value in lesson["body"]:
            if kind == "references":
                assert all(item["citation"] and item["url"] == "" for item in value["items"])


def test_the_hotspot_area_is_the_outline_the_diagram_draws():
    [hotspot] = [q for q in extra_questions() if q["qtype"] == "hotspot"]
    assert hotspot["data"]["regions"][0]["points"] == [list(point) for point in UPPER_TRAPEZIUS]
    assert hotspot["stem"].startswith("<p>The diagram shows")


def test_markdown_becomes_the_html_rich_text_stores():
    text = "One *two*\n**three** [four](https://example.com/?a=1&b=2) & 5 \\*\n\nList:\n- a\n  b"
    text += "\n- c"
    assert markdown_html(text) == (
        '<p>One <i>two</i> <b>three</b> <a href="https://example.com/?a=1&amp;b=2">four</a> '
        "&amp; 5 *</p><p>List:</p><ul><li>a b</li><li>c</li></ul>"
    )


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error_for(content, name="nmt-foundations") -> str:
    with pytest.raises(ContentError) as error:
        course(name, root=content)
    return str(error.value)


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_a_malformed_yaml_block_names_the_file_and_line(content):
    lesson = content / LESSON
    edit(lesson, "title: Applying trigger point pressure", "title: [unclosed")
    line = line_of(lesson, "title: [unclosed")
    message = error_for(content)
    assert "01-trigger-point-pressure-release.md:" in message
    assert re.search(rf"\.md:({line}|{line + 1}): not valid YAML", message), message


def test_an_unknown_citation_names_the_file_line_and_key(content):
    lesson = content / LESSON
    edit(lesson, "- quintner-2015", "- quinter-2015")
    message = error_for(content)
    line = line_of(lesson, "- quinter-2015")
    assert f".md:{line}: ```references, item 2: unknown name 'quinter-2015'" in message


def test_a_missing_front_matter_field_names_the_file_and_field(content):
    edit(content / LESSON, "slug: trigger-point-pressure-release\n", "")
    assert re.search(r"pressure-release\.md:\d+: missing field 'slug'", error_for(content))


def test_a_misspelled_block_or_field_is_refused(content):
    edit(content / LESSON, "```callout", "```calout")
    assert "unknown block 'calout'" in error_for(content)
    edit(content / LESSON, "```calout", "```callout")
    edit(content / LESSON, "kind: contraindication", "kind: warning")
    assert "kind is one of tip, safety, contraindication" in error_for(content)


def test_a_price_must_be_written_in_quotes(content):
    course_yaml = content / "nmt-foundations" / "course.yaml"
    edit(course_yaml, "price: '149.00'", "price: 149.00")
    line = line_of(course_yaml, "price: 149.00")
    assert f"course.yaml:{line}: price: write the number in quotes" in error_for(content)


def test_an_unclosed_block_and_a_stray_file_are_refused(content):
    lesson = content / LESSON
    edit(lesson, "- chaitow-modern\n```", "- chaitow-modern\n")
    assert "never closed" in error_for(content)
    (content / "nmt-in-30-minutes" / "01-nmt-at-a-glance" / "notes.md").write_text("x")
    assert "notes.md: unexpected here" in error_for(content, "nmt-in-30-minutes")


def test_an_unquoted_grade_or_coordinate_in_the_extra_questions_is_refused(content):
    edit(content / "questions" / "extra.yaml", "fraction: '1'", "fraction: 1")
    where = r"extra\.yaml:\d+: item 3, data, regions, item 1, fraction: write it in quotes"
    with pytest.raises(ContentError, match=where):
        extra_questions(root=content)
    edit(content / "questions" / "extra.yaml", "fraction: 1", "fraction: '1'")
    edit(content / "questions" / "extra.yaml", "['0.6875', '0.3583']", "[0.6875, '0.3583']")
    with pytest.raises(ContentError, match=r"points, item 3, item 1: write it in quotes"):
        extra_questions(root=content)


def test_two_lessons_with_one_slug_or_an_unknown_instructor_are_refused(content):
    lesson = content / "nmt-in-30-minutes" / "01-nmt-at-a-glance" / "02-a-short-history-of-nmt.md"
    edit(lesson, "slug: a-short-history-of-nmt", "slug: what-is-neuromuscular-therapy")
    message = error_for(content, "nmt-in-30-minutes")
    assert "two pages here have the slug 'what-is-neuromuscular-therapy'" in message
    course_yaml = content / "nmt-foundations" / "course.yaml"
    edit(course_yaml, "instructor: dana-whitfield", "instructor: dana")
    line = line_of(course_yaml, "instructor: dana")
    assert f"course.yaml:{line}: instructor: unknown name 'dana'" in error_for(content)
