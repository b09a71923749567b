"""The 51 gift-pegjs files must parse as their authors expect, except where Moodle differs."""

import json
from decimal import Decimal

import pytest

from quizzes.importers.gift import parse_gift
from tests.quizzes.conftest import PEGJS
from tests.quizzes.pegjs_adapter import from_ours, from_pegjs

GIFT_FILES = sorted(PEGJS.glob("*.gift"))
_MISSING_WORD = (
    "Moodle replaces the answers with '_____' in place (substr_replace), so no space "
    "appears before the punctuation that follows the closing brace"
)
_TF_FEEDBACK = (
    "Moodle reads {TRUE#a#b} as wrong-answer feedback a, right-answer feedback b "
    "(split_truefalse_comment), so with TRUE the first feedback is shown for 'false'"
)
# file -> {question index: (why Moodle differs, {field: what Moodle produces})}
MOODLE_WINS = {
    "TFTwoFeedback.gift": {
        1: (_TF_FEEDBACK, {"answers": [True, "", "feedback for true"]}),
        2: (_TF_FEEDBACK, {"answers": [True, "feedback for false", ""]}),
    },
    "giftFormatPhpExamples.gift": {
        8: (_MISSING_WORD, {"stem": ("moodle", "Jesus Christ was from _____.")}),
    },
    "numerical1.gift": {
        index: (_MISSING_WORD, {"stem": ("moodle", stem)})
        for index, stem in [
            (2, "What is the value of pi (to 3 decimal places)? _____."),
            (3, "What is the value of pi times -1 (to 3 decimal places)? _____."),
            (4, "What is the value of pi (to 3 decimal places)? _____."),
            (5, "What is the value of pi times -1 (to 3 decimal places)? _____."),
            (6, "Give me a number from 1 to 5. _____."),
            (7, "Pick a number from -5 to 5. _____."),
        ]
    },
    "options1.gift": {
        8: (_MISSING_WORD, {"stem": ("moodle", "Jesus Christ was from _____.")}),
    },
    "shortAnswer1.gift": {
        1: (_MISSING_WORD, {"stem": ("moodle", "Two plus two equals _____.")}),
    },
}  # fmt: skip


def test_all_51_fixture_files_are_checked():
    assert len(GIFT_FILES) == 51
    assert all(path.with_suffix(".json").exists() for path in GIFT_FILES)
    assert set(MOODLE_WINS) <= {path.name for path in GIFT_FILES}


@pytest.mark.parametrize("path", GIFT_FILES, ids=lambda path: path.name)
def test_pegjs_file_parses_as_expected(path):
    expected = [from_pegjs(q) for q in json.loads(path.with_suffix(".json").read_text())]
    ours = [from_ours(q) for q in parse_gift(path.read_text(encoding="utf-8"))]
    assert len(ours) == len(expected)
    overrides = MOODLE_WINS.get(path.name, {})
    for index, (mine, theirs) in enumerate(zip(ours, expected, strict=True)):
        _reason, moodle = overrides.get(index, ("", {}))
        for key, value in moodle.items():
            assert theirs[key] != value, f"{path.name}#{index}: override no longer needed"
            theirs[key] = value
        assert mine == theirs, f"{path.name} question {index}"


def test_weights_keep_their_decimals():
    [question] = parse_gift((PEGJS / "multipleAnswersFloat.gift").read_text())
    assert question["type"] == "multiple_response"
    fractions = [choice["fraction"] for choice in question["data"]["choices"]]
    assert fractions == [Decimal("0.3333333")] * 2 + [
        Decimal(-1),
        Decimal("0.3333333"),
        Decimal(-1),
    ]
