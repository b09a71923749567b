from decimal import Decimal

import pytest

from quizzes.importers.errors import MoodleXmlError
from quizzes.importers.moodle_xml import parse_moodle_xml
from quizzes.models import Question
from quizzes.services.imports import questions_import

D = Decimal
QUIZ = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Neck</text></category>
  </question>
  <question type="multichoice">
    <name><text>SCM</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Which muscle turns the head?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>See lesson 2.</text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <idnumber>scm</idnumber>
    <single>true</single>
    <answer fraction="100" format="html"><text>Sternocleidomastoid</text>
      <feedback format="html"><text>Yes</text></feedback></answer>
    <answer fraction="0" format="html"><text>Trapezius</text></answer>
    <tags><tag><text>neck</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Multi</text></name>
    <questiontext format="plain_text"><text>Pick two</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>a</text></answer>
    <answer fraction="50"><text>b</text></answer>
    <answer fraction="-100"><text>c</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="moodle_auto_format"><text>Fascia is continuous.</text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Right</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>It is</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Short</text></name>
    <questiontext format="html"><text>Muscle?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>SCM</text></answer>
    <answer fraction="50"><text>scm*</text></answer>
  </question>
  <question type="numerical">
    <name><text>Num</text></name>
    <questiontext format="html"><text>Length?</text></questiontext>
    <answer fraction="100"><text>1.5</text><tolerance>0.1</tolerance></answer>
    <answer fraction="0"><text>*</text><feedback><text>No</text></feedback></answer>
    <units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit>
      <unit><multiplier>100</multiplier><unit_name>cm</unit_name></unit></units>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
    <questiontext format="html"><text>Match</text></questiontext>
    <subquestion format="html"><text>Piriformis</text>
      <answer><text>Hip</text></answer></subquestion>
    <subquestion format="html"><text>Soleus</text><answer><text>Calf</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Wrist</text></answer></subquestion>
  </question>
  <question type="essay">
    <name><text>Essay</text></name>
    <questiontext format="html"><text>Describe.</text></questiontext>
  </question>
  <question type="description">
    <name><text>Intro</text></name>
    <questiontext format="html"><text>Read this.</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Calc</text></name>
    <questiontext format="html"><text>{a}+{b}</text></questiontext>
  </question>
</quiz>
"""


def test_parse_every_supported_type():
    parsed = parse_moodle_xml(QUIZ)
    assert [item["type"] for item in parsed] == [
        "category", "single_choice", "multiple_response", "true_false", "short_answer",
        "numerical", "matching", "essay", "description", "skipped",
    ]  # fmt: skip
    assert parsed[0]["category"] == "$course$/top/Neck"
    scm = parsed[1]
    assert (scm["line"], scm["idnumber"], scm["tags"], scm["default_mark"]) == (
        6,
        "scm",
        ["neck"],
        D(2),
    )
    assert [c["fraction"] for c in parsed[2]["data"]["choices"]] == [D("0.5"), D("0.5"), D(-1)]
    assert parsed[2]["stem"]["format"] == "plain"
    tf = parsed[3]["data"]
    assert (tf["correct"], tf["feedback_true"]["text"], tf["feedback_false"]["text"]) == (
        True, "Right", "It is",
    )  # fmt: skip
    assert parsed[4]["data"]["case_sensitive"] is True
    numerical = parsed[5]["data"]
    assert numerical["answers"][0]["value"] == D("1.5")
    assert numerical["answers"][1]["value"] == "*"
    assert numerical["units"][1] == {"unit": "cm", "multiplier": D(100)}
    assert [p["answer"] for p in parsed[6]["data"]["pairs"]] == ["Hip", "Calf", "Wrist"]
    assert parsed[9]["line"] == 65 and "calculated" in parsed[9]["reason"]


def test_import_reports_counts_and_skipped_types(bank):
    report = questions_import(bank=bank, file_name="quiz.xml", text=QUIZ)
    assert report.format == "moodle_xml"
    assert report.total == 8
    assert report.counts["single_choice"] == 1
    assert report.skipped == [(65, "question type 'calculated' is not supported, skipped")]
    assert Question.objects.get(name="SCM").category.name == "Neck"
    assert Question.objects.get(name="Intro").default_mark == D(0)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("<quiz>\n<question type='essay'>\n</quiz>", 3, "mismatched tag"),
        ("<quiz>\n  <question>&oops;</question></quiz>", 2, "undefined entity"),
        ('<?xml version="1.0"?>\n<!DOCTYPE lol [<!ENTITY a "aaaa">]>\n<quiz/>', 2, "DOCTYPE"),
        ("<notquiz/>", 1, "root element must be <quiz>"),
        ("", 1, "no element found"),
        (
            "<quiz>\n<question type='numerical'><answer fraction='100'>\n"
            "<text>abc</text></answer></question></quiz>",
            3,
            "<text> must be a number",
        ),
        ("<quiz>\n<question type='shortanswer'></question></quiz>", 2, "needs answers"),
    ],
)
def test_malformed_xml_is_an_error_with_a_line(text, line, reason):
    with pytest.raises(MoodleXmlError) as error:
        parse_moodle_xml(text)
    assert error.value.line == line
    assert reason in error.value.reason


def test_entity_expansion_is_refused_before_it_starts(bank):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE q [\n<!ENTITY a "aaaaaaaaaa">\n'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<quiz>&b;</quiz>'
    )
    with pytest.raises(MoodleXmlError):
        questions_import(bank=bank, file_name="bomb.xml", text=bomb)
    assert not Question.objects.exists()
