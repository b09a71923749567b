"""The README's demo figures are the loaded content's (manage.py demo_figures prints them)."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.figures import demo_figures

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_readme_states_the_figures_of_the_loaded_demo(demo):
    nmt, short = demo_figures()
    readme = " ".join(README.read_text(encoding="utf-8").split())

    assert f"has {nmt.modules} modules and {nmt.lessons} lessons" in readme
    assert f"a {nmt.final_questions}-question final" in readme
    assert re.search(rf"\"NMT in 30 minutes\" has {short.lessons} lessons", readme)
    out = io.StringIO()
    call_command("demo_figures", stdout=out)
    assert f"{nmt.final_questions}-question final assessment" in out.getvalue()
