"""Random draws spread across learning objectives (a slot's "spread across objectives").

Round-robin: starting from a random objective, each objective in turn gives one question not
drawn yet, until the draw is full; objectives whose questions are all drawn drop out, and when
no tagged question is left the rest is drawn from the untagged ones. So a draw of N from a pool
covering m objectives gives every objective at least min(its questions, N // m) questions:
`spread_guaranteed` states that bound and the assessment blueprint relies on it.
"""

import random


def spread_sample(
    *,
    pool: list[int],
    tags: dict[int, set[int]],
    objectives: list[int],
    count: int,
    rng: random.Random,
) -> list[int]:
    """`count` question ids from `pool`, taken in turn from each objective's questions.

    `tags` maps a question id to the objective ids it tests; `objectives` is their order.
    The caller checks that the pool holds at least `count` questions.
    """
    groups = {
        objective: [qid for qid in pool if objective in tags.get(qid, ())]
        for objective in objectives
    }
    for group in groups.values():
        rng.shuffle(group)
    active = [objective for objective in objectives if groups[objective]]
    if active:
        start = rng.randrange(len(active))
        active = active[start:] + active[:start]
    picked: list[int] = []
    used: set[int] = set()
    while len(picked) < count and active:
        for objective in list(active):
            group = groups[objective]
            while group and group[-1] in used:
                group.pop()
            if not group:
                active.remove(objective)
                continue
            qid = group.pop()
            used.add(qid)
            picked.append(qid)
            if len(picked) == count:
                break
    rest = [qid for qid in pool if qid not in used]
    picked += rng.sample(rest, count - len(picked))
    return picked


def spread_guaranteed(*, group_size: int, objectives_in_pool: int, count: int) -> int:
    """Questions of one objective a spread draw always contains (see the module docstring)."""
    if objectives_in_pool == 0:
        return 0
    return min(group_size, count // objectives_in_pool)


def plain_guaranteed(*, group_size: int, pool_size: int, count: int) -> int:
    """Questions of one objective a plain random draw always contains (pigeonhole)."""
    return max(0, count - (pool_size - group_size))
