"""The figures of a run, summed over its rounds, and the lines `make bench` ends with.

The ratio that counts is the bare view's CPU per request (Django's default middleware) over a
path's: the share of a request's server CPU that any Django project would spend anyway. CPU is
summed over the rounds before dividing, so the 10 ms clock tick weighs less.
"""

import json
import math
import statistics
from dataclasses import dataclass
from pathlib import Path

BARE, BARE_NOMW = "bare", "bare_nomw"

# Issue 19's goals: the lowest acceptable ratio per path (None: measured, no goal yet).
GOALS = {
    "catalog": 0.90,
    "course": 0.90,
    "lesson_preview": 0.90,
    "lesson_enrolled": 0.25,
    "quiz_question": 0.30,
    "autosave": 0.30,
    "attempt_submit": 0.08,
    "certificate_verify": 0.60,
    "stripe_webhook": None,
}
# A path on PostgreSQL + Redis may fall at most this far below its SQLite ratio.
DATABASE_SPREAD = 1.5
RSS_LIMIT_MB = 200


@dataclass(frozen=True)
class Row:
    name: str
    cpu_ms: float
    rps: float
    p50: float
    p99: float
    errors: int
    ratio: float  # bare (default middleware) CPU per request over this path's
    ratio_nomw: float  # the same against the bare view without middleware

    @property
    def goal(self) -> float | None:
        return GOALS.get(self.name)

    @property
    def verdict(self) -> str:
        if self.goal is None or math.isnan(self.ratio):
            return "-"
        return "PASS" if self.ratio >= self.goal else "MISS"


def cpu_ms(rounds: list[dict]) -> float:
    served = sum(r["served"] for r in rounds)
    return sum(r["cpu_seconds"] for r in rounds) * 1000 / served if served else float("nan")


def rows(results: dict[str, list[dict]]) -> list[Row]:
    """One row per measured name (the bare views first), from each round's figures."""
    bare, nomw = cpu_ms(results[BARE]), cpu_ms(results[BARE_NOMW])
    made = []
    for name, rounds in results.items():
        cost = cpu_ms(rounds)
        made.append(
            Row(
                name=name,
                cpu_ms=cost,
                rps=statistics.fmean(r["rps"] for r in rounds),
                p50=statistics.fmean(r["p50"] for r in rounds),
                p99=statistics.fmean(r["p99"] for r in rounds),
                errors=sum(r["unexpected"] + r["socket_errors"] for r in rounds),
                ratio=bare / cost if cost else float("nan"),
                ratio_nomw=nomw / cost if cost else float("nan"),
            )
        )
    return made


def table(made: list[Row], described: dict[str, str]) -> list[str]:
    out = [
        f"{'path':<19}{'cpu ms':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>7}"
        f"{'nomw':>7}{'ratio':>7}{'goal':>6}  verdict  what"
    ]
    for row in made:
        goal = f"{row.goal:.2f}" if row.goal is not None else "-"
        out.append(
            f"{row.name:<19}{row.cpu_ms:8.3f}{row.rps:9.1f}{row.p50:9.2f}{row.p99:9.2f}"
            f"{row.errors:7d}{row.ratio_nomw:7.2f}{row.ratio:7.2f}{goal:>6}  {row.verdict:<7}  "
            f"{described.get(row.name, '')}"
        )
    return out


def last_lines(made: list[Row]) -> list[str]:
    """For scripts: one line per name, `ratio=` last."""
    out = []
    for row in made:
        goal = f" goal={row.goal:.2f} {row.verdict}" if row.goal is not None else ""
        out.append(
            f"{row.name} cpu_ms={row.cpu_ms:.3f} req/s={row.rps:.0f} p50={row.p50:.2f} "
            f"p99={row.p99:.2f} errors={row.errors} nomw={row.ratio_nomw:.2f}{goal} "
            f"ratio={row.ratio:.2f}"
        )
    return out


def rss_lines(rss: list[dict]) -> list[str]:
    return [
        f"  {r['server']:<9} worker {r['pid']:>7}: peak RSS {r['mb']:7.1f} MB"
        + (f"  OVER {RSS_LIMIT_MB} MB" if r["mb"] > RSS_LIMIT_MB else "")
        for r in rss
    ]


# --- Two saved runs side by side ------------------------------------------------------------


def compare(first_file: str, second_file: str) -> list[str]:
    """Each path's ratio in two saved runs (SQLite first, PostgreSQL + Redis second): the
    second must be at least the first's over DATABASE_SPREAD."""
    runs = [json.loads(Path(path).read_text()) for path in (first_file, second_file)]
    by_name = [{row.name: row for row in rows(run["results"])} for run in runs]
    out = [
        f"A: {runs[0].get('database', '?')} ({first_file})",
        f"B: {runs[1].get('database', '?')} ({second_file})",
        f"{'path':<19}{'A cpu ms':>10}{'B cpu ms':>10}{'A ratio':>9}{'B ratio':>9}{'B/A':>7}"
        f"  B within {DATABASE_SPREAD}x of A",
    ]
    for name, first in by_name[0].items():
        second = by_name[1].get(name)
        if second is None or name in (BARE, BARE_NOMW):
            continue
        share = second.ratio / first.ratio
        verdict = "PASS" if share >= 1 / DATABASE_SPREAD else "MISS"
        out.append(
            f"{name:<19}{first.cpu_ms:10.3f}{second.cpu_ms:10.3f}{first.ratio:9.2f}"
            f"{second.ratio:9.2f}{share:7.2f}  {verdict}"
        )
    return out
