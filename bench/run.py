"""`make bench`: serve the site and a bare Django view under the same gunicorn, load both, and
print each path's throughput and latency with its ratio to the bare view in the same run.

See bench/README.md for the variables and how to read the output. Standard library only: the
Django work happens in subprocesses (manage.py, bench/fixtures.py) with the server's settings.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
RESULTS = BENCH / "results"

# name, what it is, expected status of every request
PATHS = (
    ("catalog", "course catalog, anonymous", 200),
    ("course", "course page, anonymous", 200),
    ("lesson_preview", "free-preview lesson, anonymous", 200),
    ("lesson_enrolled", "lesson, enrolled learner (records the visit)", 200),
    ("quiz_question", "open attempt's question page", 200),
    ("autosave", "autosave POST (JSON, CSRF header)", 200),
    ("attempt_submit", "submit POST, a fresh attempt each request", 302),
    ("certificate_verify", "public certificate verify page", 200),
    ("stripe_webhook", "signed checkout.session.completed, enrols a buyer", 200),
)
ONE_USE = {"attempt_submit": "submit", "stripe_webhook": "webhook"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


@dataclass
class Config:
    seconds: int = field(default_factory=lambda: env_int("BENCH_SECONDS", 10))
    rounds: int = field(default_factory=lambda: env_int("BENCH_ROUNDS", 2))
    learners: int = field(default_factory=lambda: env_int("BENCH_LEARNERS", 2000))
    attempts: int = field(default_factory=lambda: env_int("BENCH_ATTEMPTS", 5000))
    schools: int = field(default_factory=lambda: env_int("BENCH_SCHOOLS", 3))
    courses: int = field(default_factory=lambda: env_int("BENCH_COURSES", 2))
    workers: int = field(default_factory=lambda: env_int("BENCH_WORKERS", 2))
    connections: int = field(default_factory=lambda: env_int("BENCH_CONNECTIONS", 8))
    threads: int = field(default_factory=lambda: env_int("BENCH_THREADS", 2))
    paths: list = field(
        default_factory=lambda: (
            [name for name in (os.environ.get("BENCH_PATHS") or "").split(",") if name]
            or [name for name, _, _ in PATHS]
        )
    )
    loadgen: str = field(default_factory=lambda: os.environ.get("BENCH_LOADGEN", ""))


@dataclass
class Result:
    rps: float
    p50: float
    p99: float
    errors: int
    requests: int


def log(message: str = "") -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Environment and setup ------------------------------------------------------------------


def app_environment(work: Path, port: int) -> dict:
    """Production settings as a deployment would set them, minus HTTPS: the bench talks plain
    HTTP on loopback, so SECURE_SSL_REDIRECT is off (every other hardening stays on)."""
    key = work / "credential-signing-key.pem"
    if not key.exists():
        subprocess.run(
            ["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)],
            check=True,
            capture_output=True,
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("BENCH_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        CREDENTIAL_SIGNING_KEY_FILE=str(key),
        STRIPE_WEBHOOK_SECRET="whsec_bench_" + secrets.token_hex(12),
        MEDIA_ROOT=str(work / "media"),
        PAGE_CACHE_STAMP_FILE=str(work / "page-cache.stamp"),
        TASKS_BACKEND=os.environ.get("TASKS_BACKEND", "database"),
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def fixtures(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [PYTHON, str(BENCH / "fixtures.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"bench/fixtures.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Servers --------------------------------------------------------------------------------


class Server:
    def __init__(self, name: str, app: str, port: int, env: dict, workers: int, log_dir: Path):
        self.name, self.port = name, port
        self.log_path = log_dir / f"gunicorn-{name}.log"
        self.command = [
            GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "sync", "--log-level", "warning", "--chdir", str(ROOT),
        ]  # fmt: skip
        self.env = env
        self.process = None

    def start(self, ready_path: str = "/") -> None:
        self.log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=self.env, stdout=self.log_file, stderr=self.log_file
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                status, _, _ = fetch(self.port, "GET", ready_path)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        sys.exit(f"{self.name} server did not start:\n{self.log_path.read_text()[-3000:]}")

    def workers(self) -> list[int]:
        if self.process is None:
            return []
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def peak_rss_mb(pid: int) -> float | None:
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    except OSError:
        return None
    return None


# --- Requests -------------------------------------------------------------------------------


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


def check(port: int, name: str, request_file: str, expected: int) -> None:
    method, path, body, headers = parse_line(Path(request_file).read_text())
    status, content, _ = fetch(port, method, path, body, headers)
    if status != expected:
        sys.exit(
            f"{name}: {method} {path} answered {status}, expected {expected}:\n"
            f"{content[:1500].decode(errors='replace')}"
        )


# --- Load generators ------------------------------------------------------------------------


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def ensure_wrk() -> bool:
    if wrk_available():
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing: installing it from Debian's packages (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True)
    return wrk_available()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def run_wrk(cfg: Config, port: int, request_file: str, path: str = "/") -> Result:
    env = {**os.environ, "BENCH_REQUESTS": request_file, "BENCH_THREADS": str(cfg.threads)}
    command = [
        "wrk", f"-t{cfg.threads}", f"-c{cfg.connections}", f"-d{cfg.seconds}s", "--latency",
        "--timeout", "30s", "-s", str(BENCH / "wrk" / "requests.lua"),
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        errors += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(rps, _ms(p50.group(1)), _ms(p99.group(1)), errors, requests)


def run_python(cfg: Config, port: int, request_file: str, expected: int | None) -> Result:
    """The fallback when wrk is missing: one thread per connection, http.client, each thread
    taking every n-th request of the file as wrk/requests.lua does."""
    requests = [parse_line(text) for text in Path(request_file).read_text().splitlines()]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + cfg.seconds

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, index = [], offset
        while time.monotonic() < deadline:
            method, path, body, headers = requests[index % len(requests)]
            index += cfg.connections
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body.encode() or None, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = 200 <= response.status < 400 and (
                    expected is None or response.status == expected
                )
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                ok = False
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(cfg.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if not latencies:
        return Result(0.0, float("nan"), float("nan"), errors[0], 0)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(len(latencies) / elapsed, cuts[49], cuts[98], errors[0], len(latencies))


# --- The run --------------------------------------------------------------------------------


def measure(cfg, use_wrk, port, request_file, expected, path="/") -> Result:
    if use_wrk:
        return run_wrk(cfg, port, request_file, path)
    return run_python(cfg, port, request_file, expected)


def warm(port: int, request_file: str, count: int = 10) -> None:
    lines = Path(request_file).read_text().splitlines()
    for n in range(count):
        method, path, body, headers = parse_line(lines[n % len(lines)])
        fetch(port, method, path, body, headers)


def rss_table(servers: list[Server]) -> list[str]:
    rows = []
    for server in servers:
        for pid in server.workers():
            peak = peak_rss_mb(pid)
            if peak is not None:
                rows.append(f"  {server.name:<5} worker {pid:>7}: peak RSS {peak:7.1f} MB")
    return rows


def memory_probes(env: dict, setup: dict, work: Path, port: int) -> list[str]:
    """Each report or export on a fresh one-worker server: peak RSS before and after it."""
    rows = []
    for probe in setup["probes"]:
        server = Server("probe", "config.wsgi:application", port, env, 1, work)
        server.start("/healthz")
        headers = dict([probe["cookie"].split(": ", 1)])
        fetch(port, "GET", setup["course"], "", headers)  # a page first: a warm worker
        pid = server.workers()[0]
        before = peak_rss_mb(pid)
        started = time.perf_counter()
        status, content, _ = fetch(port, "GET", probe["path"], "", headers)
        seconds = time.perf_counter() - started
        after = peak_rss_mb(pid)
        server.stop()
        lines = content.count(b"\n")
        rows.append(
            f"  {probe['name']:<17} {status} {seconds:6.2f}s {len(content) / 1e6:7.2f} MB body "
            f"{lines:>8} lines  peak RSS {before:6.1f} -> {after:6.1f} MB "
            f"(+{after - before:.1f})  [{probe['rows']}]"
        )
    return rows


def main() -> None:
    cfg = Config()
    unknown = set(cfg.paths) - {name for name, _, _ in PATHS}
    if unknown:
        sys.exit(f"Unknown BENCH_PATHS: {', '.join(sorted(unknown))}")
    use_wrk = cfg.loadgen != "python" and ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="nmt-bench-"))
    app_port, bare_port, probe_port = free_port(), free_port(), free_port()
    env = app_environment(work, app_port)
    database = env["DATABASE_URL"].split(":", 1)[0]
    cache = "redis" if env.get("REDIS_URL") else "locmem"
    log(f"NMT Academy benchmark (work folder {work})")
    log(
        f"  database {database}, cache {cache}, config.settings.production, gunicorn "
        f"{cfg.workers} sync workers, load {'wrk' if use_wrk else 'python threads'} "
        f"{cfg.threads} threads x {cfg.connections} connections, {cfg.rounds} rounds x "
        f"{cfg.seconds}s per path"
    )
    started = time.perf_counter()
    manage(env, "migrate", "--no-input", "-v", "0")
    seed = manage(
        env, "seed_scale", "--learners", str(cfg.learners), "--attempts", str(cfg.attempts),
        "--schools", str(cfg.schools), "--courses-per-school", str(cfg.courses),
    )  # fmt: skip
    log("  " + seed.strip().splitlines()[-1])
    manage(env, "collectstatic", "--no-input", "-v", "0")
    setup = fixtures(env, "setup", str(work))
    # bench/profile_path.py replays a path in-process with exactly these settings.
    (work / "env.json").write_text(json.dumps({k: v for k, v in env.items() if k.isupper()}))
    log(f"  set up in {time.perf_counter() - started:.0f}s")

    bare_env = {k: v for k, v in os.environ.items() if not k.startswith(("BENCH_", "DJANGO_"))} | {
        "DJANGO_SETTINGS_MODULE": "bench.bare.settings"
    }
    app = Server("app", "config.wsgi:application", app_port, env, cfg.workers, work)
    bare = Server("bare", "bench.bare.wsgi:application", bare_port, bare_env, cfg.workers, work)
    bare_file = work / "requests" / "bare.tsv"
    bare_file.write_text("GET\t/\t\n")
    expected = {name: status for name, _, status in PATHS}
    results: dict[str, list[Result]] = {name: [] for name in ["bare", *cfg.paths]}
    try:
        app.start("/healthz")
        bare.start("/")
        for name in cfg.paths:
            if name in ONE_USE:
                setup["paths"][name] = fixtures(env, "pool", ONE_USE[name], "1", str(work))
            check(app_port, name, setup["paths"][name]["check"], expected[name])
            if name not in ONE_USE:
                warm(app_port, setup["paths"][name]["file"])
        warm(bare_port, str(bare_file))
        pool_size = {name: max(1000, 300 * cfg.seconds) for name in ONE_USE}
        for round_number in range(1, cfg.rounds + 1):
            log(f"round {round_number}/{cfg.rounds}")
            result = measure(cfg, use_wrk, bare_port, str(bare_file), 200)
            results["bare"].append(result)
            log(f"  {'bare':<19}{result.rps:9.1f} req/s")
            for name in cfg.paths:
                paths = setup["paths"]
                if name in ONE_USE:
                    paths[name] = fixtures(
                        env, "pool", ONE_USE[name], str(pool_size[name]), str(work)
                    )
                result = measure(cfg, use_wrk, app_port, paths[name]["file"], expected[name])
                results[name].append(result)
                note = ""
                if name in ONE_USE:
                    if result.requests > paths[name]["pool"]:
                        note = f"  (pool of {paths[name]['pool']} ran out: rerun helps)"
                    pool_size[name] = max(pool_size[name], int(result.requests * 1.5) + 100)
                log(f"  {name:<19}{result.rps:9.1f} req/s  {result.errors} errors{note}")
        rss = rss_table([app, bare])
    finally:
        app.stop()
        bare.stop()
    log("peak RSS per gunicorn worker (VmHWM) after the rounds:")
    for row in rss:
        log(row)
    log("memory of reports and exports (a fresh one-worker server each, the busiest course):")
    for row in memory_probes(env, setup, work, probe_port):
        log(row)
    save(cfg, results, rss, work)
    if not os.environ.get("BENCH_KEEP"):
        shutil.rmtree(work, ignore_errors=True)
    summary(cfg, results)


def save(cfg: Config, results: dict, rss: list[str], work: Path) -> None:
    RESULTS.mkdir(exist_ok=True)
    data = {
        "config": cfg.__dict__,
        "results": {name: [r.__dict__ for r in rows] for name, rows in results.items()},
        "rss": rss,
        "work": str(work),
    }
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(data, indent=2))


def summary(cfg: Config, results: dict[str, list[Result]]) -> None:
    """Means over the rounds; the ratio is a path's req/s over the bare view's in this run.
    The table is for people; the last lines, one per path, are for scripts."""

    def mean(rows, attr):
        return statistics.fmean(getattr(row, attr) for row in rows)

    bare = mean(results["bare"], "rps")
    described = {name: text for name, text, _ in PATHS}
    rows = []
    for name in ["bare", *cfg.paths]:
        rps = mean(results[name], "rps")
        rows.append(
            (name, rps, mean(results[name], "p50"), mean(results[name], "p99"),
             sum(row.errors for row in results[name]), rps / bare)
        )  # fmt: skip
    log("")
    log(f"{'path':<19}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>7}  what")
    for name, rps, p50, p99, errors, ratio in rows:
        what = described.get(name, "reference: one view, no apps, no middleware")
        log(f"{name:<19}{rps:9.1f}{p50:9.2f}{p99:9.2f}{errors:8d}{ratio:7.2f}  {what}")
    log("")
    for name, rps, p50, p99, errors, ratio in rows[1:]:
        log(f"{name} {rps:.1f} {p50:.2f} {p99:.2f} {errors} ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
