"""Question versions kept in this worker's memory, by id, for autosave and the question page.

Why it exists: autosave needs a slot's question (its type and data) to read the answer, on
every save a learner makes, and the question page its stem and choices; reading them cost a
join and a JSON decode each time (issue 19).

A version is written once and never updated (QuestionVersion), so what a worker read under an
id stays true. The memo is used only while the content cache is on: tests turn it off, and
their rolled-back databases reuse ids for other versions.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from cms import content_cache
from quizzes.models import QuestionVersion

# Each a question's stem, choices or pairs: a few MB per worker at most.
MAX_ENTRIES = 5000
_FIELDS = ("id", "qtype", "stem", "data")

_versions: dict[int, QuestionVersion] = {}


def _read(version_ids) -> dict[int, QuestionVersion]:
    return QuestionVersion.objects.only(*_FIELDS).in_bulk(version_ids)


def question_versions(version_ids) -> dict[int, QuestionVersion]:
    """The versions by id (the ones that exist): their id, type, stem and data, from memory,
    the others in one query (read only: the instances are shared between requests)."""
    if not content_cache.enabled():
        return _read(version_ids)
    missing = set(version_ids) - _versions.keys()
    if missing:
        if len(_versions) + len(missing) > MAX_ENTRIES:
            _versions.clear()
        _versions.update(_read(missing))
    return {pk: _versions[pk] for pk in version_ids if pk in _versions}


def question_version(version_id: int) -> QuestionVersion | None:
    """One version, as question_versions gives it (None: no such version)."""
    version = _versions.get(version_id)
    if version is not None and content_cache.enabled():
        return version
    return question_versions([version_id]).get(version_id)


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    # Tests turn the content cache on around rolled-back databases whose ids repeat.
    if setting in ("CONTENT_CACHE_SECONDS", "CACHES"):
        _versions.clear()
