"""The attempt page as a shell: quizzes/attempt.html (base.html with it) rendered once per
quiz, shape and content generation, with a marker where each attempt's parts go, and filled in
per request without the template engine.

Why: rendering the template cost about a third of the page's CPU (issue 19).
What must hold: the shell carries nothing of the learner it was first rendered for. It is
rendered with a neutral user, no messages and no admin link (the view sends anyone with
messages or admin access to attempt_view), stand-ins for every value of the attempt, and its
shape (Shape) decided only by the template's conditions. Per request only these are filled in:
numbers (attempt, id, counts, page, minutes), the deadline's ISO form and local time, the CSRF
token, the navigation items (one cut-out per state, filled with their number and page) and the
questions' fieldsets (quizzes/question_html.py, keyed by their whole display).
"""

import re
import secrets
from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

from django.template.defaultfilters import time as time_filter
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from courses.enrolled_lesson.memo import GenerationMemo

TEMPLATE = "quizzes/attempt.html"
_memo = GenerationMemo(limit=500)

# Who the shell is rendered for: signed in (the header's links), and nobody in particular.
NEUTRAL_USER = SimpleNamespace(is_authenticated=True, is_anonymous=False, is_staff=False)

# The attempt's values the shell holds a marker for (numbers and text the template prints).
NUMBERS = ("number", "pk", "count", "answered", "page", "pages", "minutes")
# A navigation item's states: (answered, flagged, current), one cut-out each.
NAV_STATES = tuple((bool(n & 1), bool(n & 2), bool(n & 4)) for n in range(8))


class Shape(NamedTuple):
    """What the template's conditions decide: one shell for each."""

    one_question: bool  # "question" or "questions"
    deadline: bool
    accommodation: bool
    paged: bool  # more than one page
    navigation: bool  # paged, or a question flagged
    previous: bool
    next: bool


@dataclass(frozen=True)
class Shell:
    """pieces: even items are HTML, odd items a part's name. nav_items: one HTML per NAV_STATES
    entry with the order and page markers left in; nav_gap and question_gap: the template's
    text between two items and between two questions."""

    pieces: tuple
    nav_items: tuple
    nav_gap: str
    question_gap: str
    order_mark: str
    page_mark: str


class _Deadline:
    """Stands for the deadline: the template prints its isoformat() and its time ("H:i", which
    reads .hour and .minute)."""

    def __init__(self, iso: str, hour: int, minute: int):
        self.iso, self.hour, self.minute = iso, hour, minute

    def isoformat(self) -> str:
        return self.iso


def _mark() -> int:
    # Fifteen digits: no static file's hash or other number on the page can hold one.
    return 10**14 + secrets.randbelow(9 * 10**14)


def _span(html: str, marks: tuple[str, ...]) -> tuple[int, int]:
    """The `<li>…</li>` holding every occurrence of `marks`."""
    first = min(html.index(mark) for mark in marks)
    last = max(html.rindex(mark) for mark in marks)
    return html.rindex("<li", 0, first), html.index("</li>", last) + len("</li>")


def _render(*, request, title: str, shape: Shape) -> Shell:
    numbers = {name: _mark() for name in NUMBERS}
    hour, minute = _mark(), _mark()
    iso = f"deadline-{secrets.token_hex(16)}"
    csrf = f"csrf-{secrets.token_hex(16)}"
    first_question, second_question = (f"question-{secrets.token_hex(16)}" for _ in range(2))
    navigation = [
        {"order": _mark(), "page": _mark(), "answered": a, "flagged": f, "current": c}
        for a, f, c in NAV_STATES
    ]
    attempt = SimpleNamespace(
        number=numbers["number"],
        pk=numbers["pk"],
        deadline=_Deadline(iso, hour, minute) if shape.deadline else None,
        accommodation_id=1 if shape.accommodation else None,
    )
    page = SimpleNamespace(
        number=numbers["page"] if shape.paged else 1,
        has_previous=shape.previous,
        has_next=shape.next,
        paginator=SimpleNamespace(num_pages=numbers["pages"] if shape.paged else 1),
    )
    context = {
        "attempt": attempt,
        "quiz": SimpleNamespace(title=title),
        "page_obj": page,
        "questions": [mark_safe(first_question), mark_safe(second_question)],
        "navigation": navigation if shape.navigation else [],
        "question_count": 1 if shape.one_question else numbers["count"],
        "answered_count": numbers["answered"],
        "flagged_count": int(shape.navigation),
        "time_allowed": numbers["minutes"],
        "csrf_token": csrf,
        "user": NEUTRAL_USER,
        "perms": None,
        "messages": (),
        "show_admin": False,
    }
    html = render_to_string(TEMPLATE, context, request=request)

    # The questions: cut to one marker, keeping the text the loop puts between two of them.
    start = html.index(first_question)
    gap_start = start + len(first_question)
    gap_end = html.index(second_question)
    question_gap = html[gap_start:gap_end]
    html = html[:start] + "\x00questions\x00" + html[gap_end + len(second_question) :]

    # The navigation: each state's item cut out with its order and page marked the same way.
    order_mark, page_mark = f"\x00order{_mark()}\x00", f"\x00page{_mark()}\x00"
    nav_items, nav_gap = (), ""
    if shape.navigation:
        spans = [_span(html, (str(item["order"]), str(item["page"]))) for item in navigation]
        items = []
        for (begin, end), item in zip(spans, navigation, strict=True):
            text = html[begin:end].replace(str(item["order"]), order_mark)
            items.append(text.replace(str(item["page"]), page_mark))
        nav_items = tuple(items)
        nav_gap = html[spans[0][1] : spans[1][0]]
        html = html[: spans[0][0]] + "\x00navigation\x00" + html[spans[-1][1] :]

    marks = {str(value): name for name, value in numbers.items()}
    marks |= {iso: "deadline", f"{hour}:{minute}": "deadline_time", csrf: "csrf"}
    marks |= {"\x00questions\x00": "questions", "\x00navigation\x00": "navigation"}
    cut = re.compile("|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True)))
    pieces, at = [], 0
    for match in cut.finditer(html):
        pieces += [html[at : match.start()], marks[match.group()]]
        at = match.end()
    pieces.append(html[at:])
    return Shell(
        pieces=tuple(pieces),
        nav_items=nav_items,
        nav_gap=nav_gap,
        question_gap=question_gap,
        order_mark=order_mark,
        page_mark=page_mark,
    )


def shell_for(*, request, quiz_id: int, title: str, shape: Shape, generation: str) -> Shell:
    key = "".join("1" if flag else "0" for flag in shape)
    return _memo.get_or_make(
        f"quiz-attempt-shell:{quiz_id}:{key}",
        lambda: _render(request=request, title=title, shape=shape),
        generation=generation,
    )


def deadline_time(deadline) -> str:
    """The deadline as the template's `time:"H:i"` prints it (in the current time zone)."""
    return time_filter(template_localtime(deadline), "H:i")


def navigation_html(shell: Shell, items) -> str:
    """`items`: (order, page, answered, flagged, current) for every question."""
    return shell.nav_gap.join(
        shell.nav_items[answered + 2 * flagged + 4 * current]
        .replace(shell.order_mark, str(order))
        .replace(shell.page_mark, str(page))
        for order, page, answered, flagged, current in items
    )


def page_html(shell: Shell, parts: dict) -> bytes:
    """The page (UTF-8) with every part of `parts` (by name) in its place."""
    pieces = shell.pieces
    out = list(pieces)
    for n in range(1, len(pieces), 2):
        out[n] = parts[pieces[n]]
    return "".join(out).encode()
