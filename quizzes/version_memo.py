"""Question versions kept in this worker's memory, by id, for autosave.

Why it exists: autosave needs a slot's question (its type and data) to read the answer, on
every save a learner makes, and reading it cost a join and a JSON decode each time (issue 19).
A version is written once and never updated (QuestionVersion), so what a worker read under an
id stays true. The memo is used only while the content cache is on: tests turn it off, and
their rolled-back databases reuse ids for other versions.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

from cms import content_cache
from quizzes.models import QuestionVersion

# Each a question's choices or pairs: a few MB per worker at most.
MAX_ENTRIES = 5000

_versions: dict[int, QuestionVersion] = {}


def _read(version_id: int) -> QuestionVersion | None:
    return QuestionVersion.objects.only("id", "qtype", "data").filter(pk=version_id).first()


def question_version(version_id: int) -> QuestionVersion | None:
    """The version's id, type and data (read only: the instance is shared between requests)."""
    if not content_cache.enabled():
        return _read(version_id)
    version = _versions.get(version_id)
    if version is None:
        version = _read(version_id)
        if version is None:
            return None
        if len(_versions) >= MAX_ENTRIES:
            _versions.clear()
        _versions[version_id] = version
    return version


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    if setting == "CONTENT_CACHE_SECONDS":
        _versions.clear()
