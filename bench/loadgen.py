"""Load generators: wrk with bench/wrk/requests.lua, or a Python fallback that behaves the same.

Both check every response against the path's expected status (and Location, for a redirect)
and count the rest as errors: a lost session's 302 to the login page is not a success.
"""

import http.client
import os
import re
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

LUA = Path(__file__).resolve().parent / "wrk" / "requests.lua"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass(frozen=True)
class Expect:
    status: int = 200
    location: str = ""  # "prefix*suffix", the star one path segment; "" checks no Location

    def accepts(self, status: int, location: str | None) -> bool:
        if status != self.status:
            return False
        if 300 <= status < 400 and self.location:
            return location_matches(location or "", self.location)
        return True


def location_matches(location: str, pattern: str) -> bool:
    """The same rule as location_ok() in requests.lua."""
    location = re.sub(r"^https?://[^/]+", "", location)
    if "*" not in pattern:
        return location == pattern
    prefix, suffix = pattern.split("*", 1)
    if len(location) <= len(prefix) + len(suffix):
        return False
    if not (location.startswith(prefix) and location.endswith(suffix)):
        return False
    return "/" not in location[len(prefix) : len(location) - len(suffix)]


@dataclass
class Load:
    """What the load generator saw in one run: throughput, latency, errors."""

    rps: float
    p50: float
    p99: float
    requests: int
    unexpected: int  # responses with the wrong status or Location
    socket_errors: int
    samples: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.unexpected + self.socket_errors


def parse_line(text: str) -> tuple[str, str, str, dict]:
    fields = text.rstrip("\n").split("\t")
    headers = dict(field.split(": ", 1) for field in fields[3:] if ": " in field)
    return fields[0], fields[1], fields[2], headers


def fetch(port: int, method: str, path: str, body: str = "", headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body.encode() or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


# --- wrk ------------------------------------------------------------------------------------


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def ensure_wrk(log=print) -> bool:
    """wrk from Debian's packages, never a download from elsewhere."""
    if wrk_available():
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing it from Debian's packages (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
    return wrk_available()


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def parse_wrk(out: str) -> Load:
    """wrk --latency's summary plus the counts requests.lua's done() prints. A summary without
    those counts means the script did not check statuses: every response is then an error."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = re.search(r"^\s+50(?:\.000)?%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99(?:\.000)?%\s+(\S+)", out, re.M)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    checked = re.search(r"^bench-unexpected (\d+)$", out, re.M)
    unexpected = int(checked.group(1)) if checked else requests
    samples = re.findall(r"^bench-unexpected-sample (.+)$", out, re.M)
    return Load(
        rps=rps,
        p50=_ms(p50.group(1)) if p50 else float("nan"),
        p99=_ms(p99.group(1)) if p99 else float("nan"),
        requests=requests,
        unexpected=unexpected,
        socket_errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        samples=samples,
    )


def run_wrk(*, port, request_file, expect: Expect, seconds, threads, connections) -> Load:
    env = {
        **os.environ,
        "BENCH_REQUESTS": str(request_file),
        "BENCH_THREADS": str(threads),
        "BENCH_EXPECT_STATUS": str(expect.status),
        "BENCH_EXPECT_LOCATION": expect.location,
    }
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "--timeout", "30s", "-s", str(LUA), f"http://127.0.0.1:{port}/",
    ]  # fmt: skip
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


# --- Python fallback ------------------------------------------------------------------------


def run_python(*, port, request_file, expect: Expect, seconds, connections, **_) -> Load:
    """One thread per connection with http.client, each taking every n-th request of the file
    as requests.lua does. It tops out near a few thousand req/s on this machine: req/s is then
    a lower bound, but the server's CPU per request is not affected."""
    requests = [parse_line(text) for text in Path(request_file).read_text().splitlines()]
    latencies: list[float] = []
    unexpected, socket_errors, samples = [0], [0], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, index = [], offset
        while time.monotonic() < deadline:
            method, path, body, headers = requests[index % len(requests)]
            index += connections
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body.encode() or None, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                with lock:
                    socket_errors[0] += 1
                continue
            mine.append((time.perf_counter() - started) * 1000)
            location = response.getheader("Location")
            if not expect.accepts(response.status, location):
                with lock:
                    unexpected[0] += 1
                    if len(samples) < connections:
                        samples.append(f"{response.status} {location or '-'}")
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    if len(latencies) < 2:
        p50 = p99 = latencies[0] if latencies else float("nan")
    else:
        cuts = statistics.quantiles(latencies, n=100, method="inclusive")
        p50, p99 = cuts[49], cuts[98]
    return Load(len(latencies) / elapsed, p50, p99, len(latencies), unexpected[0],
                socket_errors[0], samples[:5])  # fmt: skip
