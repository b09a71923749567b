"""A question's fieldset on the attempt page, rendered once per distinct display and kept in
this process.

Why it exists: rendering the question template (and sanitising its stem) was a third of the
question page's time (issue 19), and a learner reloads, pages back and forth and resumes the
same questions. What it must stay equal to: rendering "quizzes/includes/question.html" with
the display (quizzes.responses.slot_display), which is all that template reads on this page.
The key is the whole display, the saved answer and flag included, so a page is only ever built
from HTML made for exactly that display: one learner's answers cannot reach another's page.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

TEMPLATE = "quizzes/includes/question.html"
# About 2 KB each: a few MB per worker at most.
MAX_ENTRIES = 2000

_rendered: dict[str, SafeString] = {}


def question_html(display: dict) -> SafeString:
    """The fieldset for `display`, from the cache when this exact display was rendered before."""
    key = repr(sorted(display.items()))
    html = _rendered.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, {"question": display})
        if len(_rendered) >= MAX_ENTRIES:
            del _rendered[next(iter(_rendered))]  # the oldest entry
        _rendered[key] = html
    return html
