"""The server's CPU time per request: gunicorn processes' utime + stime from /proc, and the
responses its workers served, read before and after a round.

CPU time is what a request costs the server whatever else runs on the machine, so unlike req/s
it does not move much when the load generator or another engineer's tests share the cores.
/proc/<pid>/stat counts in clock ticks (SC_CLK_TCK, 100 per second: 10 ms), so each process's
figure is off by less than a tick per reading: rounds of seconds keep that well under 1%.
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

TICK = 1 / os.sysconf("SC_CLK_TCK")


def stat_ticks(stat_text: str) -> int:
    """utime + stime (fields 14 and 15) of one /proc/<pid>/stat line. The command name in
    parentheses may hold spaces, so the fields are counted after its closing parenthesis."""
    fields = stat_text.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def parent_pid(stat_text: str) -> int:
    return int(stat_text.rsplit(")", 1)[1].split()[1])


def children(pid: int, proc: Path = Path("/proc")) -> list[int]:
    found = []
    for stat in proc.glob("[0-9]*/stat"):
        try:
            if parent_pid(stat.read_text()) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return sorted(found)


@dataclass(frozen=True)
class Snapshot:
    """CPU ticks per process (master and workers) and responses served per worker."""

    ticks: dict[int, int]
    served: dict[int, int]
    at: float

    @property
    def total_served(self) -> int:
        return sum(self.served.values())


def snapshot(master: int, count_dir: Path, proc: Path = Path("/proc")) -> Snapshot:
    ticks = {}
    for pid in [master, *children(master, proc)]:
        try:
            ticks[pid] = stat_ticks((proc / str(pid) / "stat").read_text())
        except OSError:
            continue
    served = {}
    for counter in count_dir.glob("[0-9]*"):
        text = counter.read_text().strip()
        if text:
            served[int(counter.name)] = int(text)
    return Snapshot(ticks, served, time.monotonic())


@dataclass(frozen=True)
class CpuUse:
    seconds: float
    served: int
    lost_workers: int  # workers gone between the readings: their CPU is missing from `seconds`

    @property
    def ms_per_request(self) -> float:
        return self.seconds * 1000 / self.served if self.served else float("nan")


def between(before: Snapshot, after: Snapshot) -> CpuUse:
    """CPU spent and responses served from one snapshot to the next. A worker that appears in
    between (gunicorn replaced one) counts from zero."""
    ticks = sum(after.ticks[pid] - before.ticks.get(pid, 0) for pid in after.ticks)
    served = sum(after.served[pid] - before.served.get(pid, 0) for pid in after.served)
    lost = len(set(before.ticks) - set(after.ticks))
    return CpuUse(ticks * TICK, served, lost)


def settled(master: int, count_dir: Path, timeout: float = 30.0) -> Snapshot:
    """A snapshot once the workers have finished what was in flight when the load generator
    stopped: the served counts and the CPU ticks stay the same over two readings."""
    previous = snapshot(master, count_dir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.2)
        current = snapshot(master, count_dir)
        if current.served == previous.served and current.ticks == previous.ticks:
            return current
        previous = current
    return previous
