"""The enrolled learner's lesson page as a shell: rendered once per lesson and content
generation by the lesson's own template, with a marker where each learner's parts go, and
filled in per request without the template engine.

Why: rendering the template cost more CPU per request than everything else (issue 19).
What must hold: the shell carries nothing of the learner it was first rendered for. It is
rendered with a neutral user, no messages and no admin link (the view sends anyone with
messages or admin access to Wagtail's path), and the learner's parts are only these:
- the CSRF token (the logout form, the reading-time script), a marker in the shell;
- the ticks of the lessons they have visited, the sidebar's `<!--visited:ID-->` marks;
- the notice of a lesson republished since they enrolled: one shell with it, one without.
Reading-time settings and the pager are the lesson's, the same for every learner.
"""

import re
import secrets
from dataclasses import dataclass
from types import SimpleNamespace

from django.template.loader import render_to_string

from cms.csrf_token import get_token
from courses.enrolled_lesson.memo import GenerationMemo
from courses.models import LessonPage
from courses.reading_time import seat_time_page_settings
from courses.selectors import LessonAccess
from courses.templatetags.lesson_tags import VISITED_MARK, VISITED_TICK

_memo = GenerationMemo(limit=500)
TICK = VISITED_TICK.encode()

# Who the shell is rendered for: signed in (the header's links), and nobody in particular.
NEUTRAL_USER = SimpleNamespace(is_authenticated=True, is_anonymous=False, is_staff=False)


@dataclass(frozen=True)
class Shell:
    """The page cut at its learner's parts: even items are HTML (bytes), odd items a part's
    key (the CSRF marker, or a lesson id for its tick)."""

    pieces: tuple
    csrf_key: str


def _render(*, request, lesson_id: int, changed: bool) -> Shell:
    lesson = LessonPage.objects.get(pk=lesson_id)
    csrf_key = f"csrf-{secrets.token_hex(16)}"
    context = lesson.get_context(request)
    context.update(
        access=LessonAccess.ENROLLED,
        seat_time=seat_time_page_settings(lesson=lesson),
        changed_since_enrolment=changed,
        keep_visited_marks=True,
        csrf_token=csrf_key,
        user=NEUTRAL_USER,
        perms=None,
        messages=(),
        show_admin=False,
    )
    html = render_to_string(lesson.get_template(request), context, request=request)
    cut = re.compile(f"({re.escape(csrf_key)}|{VISITED_MARK.pattern})")
    pieces = []
    for n, piece in enumerate(cut.split(html)):
        if n % 3 == 0:
            pieces.append(piece.encode())  # HTML, as the response will send it
        elif n % 3 == 1:
            pieces.append(piece if piece == csrf_key else int(cut.match(piece)[2]))
    return Shell(pieces=tuple(pieces), csrf_key=csrf_key)


def lesson_page_html(
    *, request, lesson_id: int, changed: bool, visited: frozenset[int], generation: str
) -> bytes:
    """The lesson page (UTF-8) for the enrolled learner of `request` who has visited
    `visited`."""
    shell = _memo.get_or_make(
        f"lesson-shell:{lesson_id}:{int(changed)}",
        lambda: _render(request=request, lesson_id=lesson_id, changed=changed),
        generation=generation,
    )
    token = None
    out = []
    for n, piece in enumerate(shell.pieces):
        if n % 2 == 0:
            out.append(piece)
        elif piece == shell.csrf_key:
            token = token or get_token(request).encode()
            out.append(token)
        elif piece in visited:
            out.append(TICK)
    return b"".join(out)
