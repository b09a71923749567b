"""A question as a student sees it in an attempt: built by the attempt page's own code."""

import random

from quizzes import selectors
from quizzes.models import AttemptSlot, QuestionVersion
from quizzes.responses import answer_order_new, slot_display


def version_preview(version: QuestionVersion) -> dict:
    """What the attempt template gets for this version: no fractions, feedback or regions."""
    slot = AttemptSlot(order=1, question_version=version, max_mark=version.default_mark)
    # The author's order, except where the attempt always shuffles (matching, ordering),
    # seeded so the preview does not change between reloads.
    rng = random.Random(version.pk)  # noqa: S311 - a stable display order, not a secret
    slot.answer_order = answer_order_new(version, shuffle=False, rng=rng)
    return slot_display(slot, selectors.hotspot_image_urls(slots=[slot]))
