"""The hub is the one door from a completed course to its certificate."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {"tests", "certificates", "node_modules"}


def _calls_create_pending(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "certificate_create_pending":
                return True
    return False


def test_only_the_hub_calls_certificate_create_pending_outside_certificates():
    callers = {
        str(path.relative_to(ROOT))
        for path in ROOT.glob("*/**/*.py")
        if path.relative_to(ROOT).parts[0] not in SKIPPED
        and not path.relative_to(ROOT).parts[0].startswith(".")
        and _calls_create_pending(path)
    }
    assert callers == {"completion/services.py"}


def test_completion_is_connected_to_each_fact():
    from courses.signals import lesson_first_visited, lesson_reading_met
    from live.signals import live_progress_recorded
    from quizzes.signals import attempt_graded

    for signal in (lesson_first_visited, lesson_reading_met, live_progress_recorded):
        assert signal.has_listeners()
    assert attempt_graded.has_listeners()
