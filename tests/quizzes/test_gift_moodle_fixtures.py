"""Moodle's own GIFT files, checked against giftformat_test.php's expectations."""

from collections import Counter
from decimal import Decimal

import pytest

from quizzes.importers.errors import GiftSyntaxError
from quizzes.importers.gift import parse_gift
from tests.quizzes.conftest import MOODLE_GIFT

D = Decimal


def parse(name):
    return parse_gift((MOODLE_GIFT / name).read_text(encoding="utf-8"))


def texts(items, key="text"):
    return [item[key]["text"] if isinstance(item[key], dict) else item[key] for item in items]


def test_questions_fixture_types_and_names():
    questions = parse("questions.gift.txt")
    assert [(q["name"], q["type"]) for q in questions] == [
        ("Q8", "essay"),
        ("Moodle activities", "matching"),
        ("Q2", "single_choice"),
        ("colours", "multiple_response"),
        ("Q5", "numerical"),
        ("Shortanswer", "short_answer"),
        ("Q1", "true_false"),
        ("2-08 TSL", "true_false"),
        ("2-08 TSL", "true_false"),
    ]


def test_essay_and_matching_as_moodle_reads_them():
    essay, match = parse("questions.gift.txt")[:2]
    assert essay["stem"] == {"text": "How are you?", "format": "moodle"}
    assert match["stem"] == {
        "text": "Match the <b>activity</b> to the description.",
        "format": "html",
    }
    pairs = match["data"]["pairs"]
    assert [p["question"]["format"] for p in pairs] == [
        "html",
        "moodle",
        "plain",
        "markdown",
        "html",
    ]
    assert [p["answer"] for p in pairs] == ["Forum", "Choice", "Database", "Wiki", "Chat"]
    assert pairs[4]["question"]["text"] == ""  # "= -> Chat" is a distractor answer


def test_multichoice_answers_fractions_and_feedback_formats():
    single, multi = parse("questions.gift.txt")[2:4]
    choices = single["data"]["choices"]
    assert texts(choices) == ["yellow", "red", "blue"]
    assert [c["text"]["format"] for c in choices] == ["moodle", "moodle", "plain"]
    assert [c["fraction"] for c in choices] == [D(1), D(0), D(0)]
    assert [c["feedback"] for c in choices] == [
        {"text": "right; good!", "format": "moodle"},
        {"text": "wrong, it's yellow", "format": "html"},
        {"text": "wrong, it's yellow", "format": "moodle"},  # feedback inherits the stem's
    ]
    assert [c["fraction"] for c in multi["data"]["choices"]] == [D("0.5"), D(-1), D("0.5"), D(-1)]


def test_numerical_with_wrong_answer_feedback_and_stray_characters():
    question = parse("questions.gift.txt")[4]
    assert question["data"]["answers"] == [
        {
            "value": D(3),
            "tolerance": D(2),
            "fraction": D(1),
            "feedback": {"text": "", "format": "moodle"},
        },
        {
            "value": "*",
            "fraction": D(0),
            "feedback": {"text": "Completely wrong", "format": "moodle"},
        },
    ]
    # The fixture has '";' after the closing brace: Moodle keeps it, after a blank.
    assert question["stem"]["text"] == 'What is a number from 1 to 5? _____";'


def test_shortanswer_weights_and_wildcard():
    answers = parse("questions.gift.txt")[5]["data"]["answers"]
    assert texts(answers) == ["Frog", "Cat", "*"]
    assert [a["fraction"] for a in answers] == [D(1), D("0.5"), D(0)]
    assert texts(answers, "feedback") == [
        "Good!",
        "What is it with Moodlers and cats?",
        "Completely wrong",
    ]


def test_truefalse_feedback_and_general_feedback():
    q1, t_short, t_long = parse("questions.gift.txt")[6:]
    assert q1["data"] == {
        "correct": False,
        "feedback_true": {"text": "42 is the Ultimate Answer.", "format": "moodle"},
        "feedback_false": {"text": "You gave the right answer.", "format": "moodle"},
    }
    assert q1["general_feedback"]["text"] == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    )
    assert t_short["data"]["correct"] is True and t_long["data"]["correct"] is True


def test_category_fixture_escapes_and_html():
    category, match, greeting, user, acronym = parse("questions_in_category.gift.txt")
    assert category == {
        "type": "category",
        "category": "$course$/Default for New Features",
        "line": 2,
    }
    assert match["type"] == "matching" and len(match["data"]["pairs"]) == 5
    assert greeting["stem"]["text"] == (
        '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:</a>'
        "<br /><br />What language is being spoken?"
    )
    assert [c["fraction"] for c in greeting["data"]["choices"]] == [D(0), D(1), D(0), D(0)]
    assert user["type"] == "short_answer"
    assert user["data"]["answers"][0]["text"] == "Moodler"
    assert acronym["type"] == "true_false" and acronym["data"]["correct"] is True
    assert '<span style="font-style: italic;">' in acronym["stem"]["text"]


def test_examples_file_imports_every_question():
    questions = parse("examples.txt")
    assert Counter(q["type"] for q in questions) == {
        "single_choice": 16,
        "short_answer": 9,
        "true_false": 5,
        "numerical": 8,
        "matching": 3,
        "multiple_response": 2,
    }
    by_name = {q["name"]: q for q in questions if q["name_given"]}
    hometown = by_name["Jesus' hometown"]  # the later, short-answer one wins the dict
    assert hometown["type"] == "short_answer"
    control = by_name["GIFT Control Characters"]["data"]["choices"]
    assert texts(control) == ["~", "=", "#", "{", "}", "\\"]
    assert control[5]["fraction"] == D(1)
    numerical = by_name["Numerical example"]["data"]["answers"]
    assert [(a["value"], a["tolerance"], a["fraction"]) for a in numerical] == [
        (D(1822), D(0), D(1)),
        (D(1822), D(2), D("0.5")),
    ]
    assert numerical[1]["feedback"]["text"] == (
        "He was born in 1822.\nYou get 50% credit for being close."
    )


def test_missing_word_range_and_markdown_examples():
    questions = parse("examples.txt")
    grant = questions[1]
    assert grant["stem"]["text"] == "Grant is _____ in Grant's tomb."
    pi_range = next(
        q
        for q in questions
        if "{#3.141..3.142}" not in q["stem"]["text"]
        and q["type"] == "numerical"
        and "min" in q["data"]["answers"][0]
    )
    assert pi_range["data"]["answers"][0] | {} == {
        "min": D("3.141"),
        "max": D("3.142"),
        "fraction": D(1),
        "feedback": {"text": "", "format": "moodle"},
    }
    markdown = next(q for q in questions if q["stem"]["format"] == "markdown")
    assert markdown["stem"]["text"] == "Who's buried in **Grant's tomb**?"


def test_ids_and_tags_come_from_comments():
    [question] = parse_gift(
        "// This question is to test importing tags: [tag:tag] [tag:other-tag].\n"
        "// And an idnumber: [id:myid].\n::Question name:: How are you? {}"
    )
    assert (question["idnumber"], question["tags"]) == ("myid", ["tag", "other-tag"])
    [escaped] = parse_gift("// [id:i\\]d] [tag:  basic] [tag:t\\]ag]\nEssay?{}")
    assert (escaped["idnumber"], escaped["tags"]) == ("i]d", ["basic", "t]ag"])


def test_backslashes_and_newline_escape():
    [question] = parse_gift("::double backslash:: A \\\\ B \\\\\\\\ C{}")
    assert question["stem"]["text"] == "A \\ B \\\\ C"
    [latex] = parse_gift("[html]Blah\\nblah $ 1 \\\\neq 0 $ {}")
    assert latex["stem"]["text"] == "Blah\nblah $ 1 \\neq 0 $"


def test_unnamed_question_is_named_after_its_text():
    [question] = parse_gift("Who's buried in Grant's tomb?{=no one =nobody}")
    assert (question["name"], question["name_given"]) == ("Who's buried in Grant's tomb?", False)


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        ("Q1{T}\n\n// two\nWhat?{\n=a\n\n=b}", 4, "a { or a } is missing"),
        ("Fine{T}\n\nBroken } then {T", 3, "a } comes before the {"),
        ("One answer{~only}", 1, "needs at least 2 answers"),
        ("Match{=a -> b}", 1, "at least 2 pairs"),
        ("Match{=a -> b =c}", 1, "needs a ->"),
        ("Number{#abc}", 1, "'abc' is not a number"),
        ("Number{#1:x}", 1, "'x' is not a number"),
        ("Number{#=}", 1, "'' is not a number"),
        ("Number{#}", 1, "a numerical question needs at least 1 answer"),
        ("// c\n// c\n\nQ{T}\n\n// c\nNo brace {T\n", 7, "a { or a } is missing"),
        ("Empty{~a ~ ~c}", 1, "an answer is empty"),
        ("Q{\n=a\n=b\n\n", 1, "a { or a } is missing"),
    ],
)
def test_malformed_gift_raises_with_line_and_reason(source, line, reason):
    with pytest.raises(GiftSyntaxError) as error:
        parse_gift(source)
    assert error.value.line == line
    assert reason in error.value.reason
