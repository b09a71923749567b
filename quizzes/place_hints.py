"""Where each attempt's quiz sits in the page tree, as this worker last read it.

Why: the gate's query (quizzes.gate) needs the quiz's path before it runs. Knowing it, the
question page and autosave read the gate's facts in the same query as the attempt, one round
trip to the database instead of two on the requests a learner makes most (issue 19). The page
primes it for autosave and the other way round.

It is only a hint: both reads return the quiz's path again, and facts read for another path
(the quiz moved, or a test database reused the attempt's id) are dropped, the gate then being
asked on its own.
"""

# Enough for every attempt a worker serves in a while: a few hundred KB.
MAX_REMEMBERED = 10_000
_paths: dict[int, str] = {}


def quiz_path(attempt_id: int) -> str | None:
    return _paths.get(attempt_id)


def remember(attempt_id: int, path: str) -> None:
    if len(_paths) >= MAX_REMEMBERED and attempt_id not in _paths:
        _paths.clear()
    _paths[attempt_id] = path


def forget_all() -> None:
    _paths.clear()
