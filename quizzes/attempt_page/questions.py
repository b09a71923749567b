"""The page's question fieldsets, kept per worker by the slot's stored values.

Why: building each question's display (quizzes.responses.slot_display) and its key for
quizzes/question_html.py cost more than the rest of the view once the page was a shell
(issue 19). What must hold: the key is everything the fieldset is made from (the question
version, its place, the stored shuffle, response, mark and flag, as the database gave them),
so HTML is only reused for exactly the same stored slot: one learner's answers cannot reach
another's page. Hotspot questions, whose image is looked up per request, are not kept here.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import SafeString

from quizzes.attempt_page.read import SlotRow
from quizzes.models import QuestionType
from quizzes.question_html import question_html
from quizzes.responses import slot_display
from quizzes.selectors import hotspot_image_urls

# About 2 KB each: a few MB per worker at most.
MAX_ENTRIES = 5000

_kept: dict[tuple, SafeString] = {}


def _key(slot: SlotRow) -> tuple:
    return (slot.question_version_id, slot.order, slot.flagged, *slot.raw)


def questions_html(slots: list[SlotRow]) -> list[SafeString]:
    """Each slot's fieldset, as attempt_view renders it."""
    found = [_kept.get(_key(slot)) for slot in slots]
    if all(html is not None for html in found):
        return found
    images = hotspot_image_urls(slots=slots)
    for n, slot in enumerate(slots):
        if found[n] is None:
            found[n] = question_html(slot_display(slot, images))
            if slot.question_version.qtype != QuestionType.HOTSPOT:
                if len(_kept) >= MAX_ENTRIES:
                    _kept.clear()
                _kept[_key(slot)] = found[n]
    return found


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    # Tests turn the content cache on around rolled-back databases whose ids repeat.
    if setting in ("CONTENT_CACHE_SECONDS", "CACHES"):
        _kept.clear()
