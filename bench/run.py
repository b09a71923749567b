"""`make bench`: serve the site and two bare Django views (default middleware, none) under the
same gunicorn, load them in turn, and print each path's server CPU per request beside its
throughput and latency, with its ratio to the bare view's CPU per request in the same run.

`python bench/run.py --compare a.json b.json` prints two saved runs side by side.

See bench/README.md for the variables and how to read the output. Standard library only: the
Django work happens in subprocesses (manage.py, bench/fixtures.py) with the server's settings.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cpu, loadgen, report  # noqa: E402
from bench.loadgen import Expect, fetch, parse_line  # noqa: E402

BENCH = ROOT / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
RESULTS = BENCH / "results"

# name, what it is, what every response must be
PATHS = (
    ("catalog", "course catalog, anonymous", Expect(200)),
    ("course", "course page, anonymous", Expect(200)),
    ("lesson_preview", "free-preview lesson, anonymous", Expect(200)),
    ("lesson_enrolled", "lesson, enrolled learner (records the visit)", Expect(200)),
    ("quiz_question", "open attempt's question page", Expect(200)),
    ("autosave", "autosave POST (JSON, CSRF header)", Expect(200)),
    ("attempt_submit", "submit POST, a fresh attempt each request",
     Expect(302, "/quizzes/attempts/*/review/")),
    ("certificate_verify", "public certificate verify page", Expect(200)),
    ("stripe_webhook", "signed checkout.session.completed, enrols a buyer", Expect(200)),
)  # fmt: skip
BARE_VIEWS = (
    (report.BARE, "bench.bare.settings", "reference: one view, Django's default middleware"),
    (report.BARE_NOMW, "bench.bare.settings_nomw", "for information: one view, no middleware"),
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
    """A gunicorn whose workers count the responses they serve (bench/gunicorn_count.py)."""

    def __init__(self, name: str, app: str, port: int, env: dict, workers: int, work: Path):
        self.name, self.port = name, port
        self.log_path = work / f"gunicorn-{name}.log"
        self.count_dir = work / "served" / name
        self.command = [
            GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "sync", "--log-level", "warning", "--chdir", str(ROOT),
            "--config", str(BENCH / "gunicorn_count.py"),
        ]  # fmt: skip
        self.env = env | {"BENCH_COUNT_DIR": str(self.count_dir)}
        self.process = None

    def start(self, ready_path: str = "/") -> None:
        shutil.rmtree(self.count_dir, ignore_errors=True)
        self.count_dir.mkdir(parents=True)
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
        return cpu.children(self.process.pid) if self.process is not None else []

    def settled(self) -> cpu.Snapshot:
        return cpu.settled(self.process.pid, self.count_dir)

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


def check(port: int, name: str, request_file: str, expect: Expect) -> None:
    method, path, body, headers = parse_line(Path(request_file).read_text())
    status, content, response_headers = fetch(port, method, path, body, headers)
    if not expect.accepts(status, response_headers.get("Location")):
        sys.exit(
            f"{name}: {method} {path} answered {status} "
            f"(Location {response_headers.get('Location', '-')}), expected {expect}:\n"
            f"{content[:1500].decode(errors='replace')}"
        )


def warm(port: int, request_file: str, count: int = 10) -> None:
    lines = Path(request_file).read_text().splitlines()
    for n in range(count):
        method, path, body, headers = parse_line(lines[n % len(lines)])
        fetch(port, method, path, body, headers)


def measure(cfg: Config, use_wrk: bool, server: Server, request_file, expect: Expect) -> dict:
    """One path's round: the load generator's figures and the server's CPU and responses, read
    from /proc and the workers' counters once the server is idle before and after."""
    generate = loadgen.run_wrk if use_wrk else loadgen.run_python
    before = server.settled()
    load = generate(
        port=server.port, request_file=request_file, expect=expect, seconds=cfg.seconds,
        threads=cfg.threads, connections=cfg.connections,
    )  # fmt: skip
    use = cpu.between(before, server.settled())
    return load.__dict__ | {
        "cpu_seconds": use.seconds,
        "served": use.served,
        "lost_workers": use.lost_workers,
    }


def progress(name: str, result: dict, note: str = "") -> None:
    cost = result["cpu_seconds"] * 1000 / result["served"] if result["served"] else float("nan")
    errors = result["unexpected"] + result["socket_errors"]
    sample = f" (first: {result['samples'][0]})" if result["samples"] else ""
    lost = f"  {result['lost_workers']} worker(s) died" if result["lost_workers"] else ""
    log(
        f"  {name:<19}{cost:8.3f} cpu ms/req {result['rps']:9.1f} req/s "
        f"{result['served']:>7} served  {errors} errors{sample}{note}{lost}"
    )


def rss_rows(servers: list[Server]) -> list[dict]:
    rows = []
    for server in servers:
        for pid in server.workers():
            peak = peak_rss_mb(pid)
            if peak is not None:
                rows.append({"server": server.name, "pid": pid, "mb": peak})
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
        # A redirect (to log in, to set up a second factor) would measure nothing: an error.
        flag = "" if status == 200 else "  UNEXPECTED STATUS"
        if before is None or after is None:
            # The worker is gone (killed past gunicorn's timeout on a loaded machine): say so
            # rather than stop the run before its table.
            flag += "  WORKER LOST"
            rss = "peak RSS unknown"
        else:
            rss = f"peak RSS {before:6.1f} -> {after:6.1f} MB (+{after - before:.1f})"
        rows.append(
            f"  {probe['name']:<17} {status} {seconds:6.2f}s {len(content) / 1e6:7.2f} MB body "
            f"{lines:>8} lines  {rss}  [{probe['rows']}]{flag}"
        )
    return rows


# --- The run --------------------------------------------------------------------------------


def main() -> None:
    cfg = Config()
    unknown = set(cfg.paths) - {name for name, _, _ in PATHS}
    if unknown:
        sys.exit(f"Unknown BENCH_PATHS: {', '.join(sorted(unknown))}")
    use_wrk = cfg.loadgen != "python" and loadgen.ensure_wrk(log)
    work = Path(tempfile.mkdtemp(prefix="nmt-bench-"))
    app_port, probe_port = free_port(), free_port()
    env = app_environment(work, app_port)
    database = env["DATABASE_URL"].split(":", 1)[0]
    cache = "redis" if env.get("REDIS_URL") else "locmem"
    log(f"NMT Academy benchmark (work folder {work})")
    log(
        f"  database {database}, cache {cache}, config.settings.production, gunicorn "
        f"{cfg.workers} sync workers, load {'wrk' if use_wrk else 'python threads'} "
        f"{cfg.threads} threads x {cfg.connections} connections, {cfg.rounds} rounds x "
        f"{cfg.seconds}s per path; CPU from /proc in {cpu.TICK * 1000:.0f} ms ticks"
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
    if database.startswith("postgres"):
        # The seed wrote every table just now: analysed here, not by autovacuum in the middle of
        # the first path's round (it took that round's p99 to 0.2-0.6 s).
        vacuum = "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
        manage(env, "shell", "-c", vacuum)
    # bench/profile_path.py replays a path in-process with exactly these settings.
    (work / "env.json").write_text(json.dumps({k: v for k, v in env.items() if k.isupper()}))
    log(f"  set up in {time.perf_counter() - started:.0f}s")

    plain_env = {k: v for k, v in os.environ.items() if not k.startswith(("BENCH_", "DJANGO_"))}
    app = Server("app", "config.wsgi:application", app_port, env, cfg.workers, work)
    bares = [
        Server(name, "bench.bare.wsgi:application", free_port(),
               plain_env | {"DJANGO_SETTINGS_MODULE": settings}, cfg.workers, work)
        for name, settings, _ in BARE_VIEWS
    ]  # fmt: skip
    bare_file = work / "requests" / "bare.tsv"
    bare_file.write_text("GET\t/\t\n")
    expected = {name: expect for name, _, expect in PATHS}
    results: dict[str, list[dict]] = {name: [] for name in [*(b.name for b in bares), *cfg.paths]}
    try:
        app.start("/healthz")
        for bare in bares:
            bare.start("/")
            warm(bare.port, str(bare_file))
        for name in cfg.paths:
            if name in ONE_USE:
                setup["paths"][name] = fixtures(env, "pool", ONE_USE[name], "1", str(work))
            check(app_port, name, setup["paths"][name]["check"], expected[name])
            if name not in ONE_USE:
                warm(app_port, setup["paths"][name]["file"])
        # The first round's pool, by the rate a path reaches (then 1.5x what a round used):
        # submit reaches ~800 req/s on SQLite, and a smaller pool ran out (cheap repeats).
        first_rate = {"attempt_submit": 800}
        pool_size = {name: max(1000, first_rate.get(name, 300) * cfg.seconds) for name in ONE_USE}
        for round_number in range(1, cfg.rounds + 1):
            log(f"round {round_number}/{cfg.rounds}")
            for bare in bares:
                result = measure(cfg, use_wrk, bare, str(bare_file), Expect(200))
                results[bare.name].append(result)
                progress(bare.name, result)
            for name in cfg.paths:
                paths = setup["paths"]
                if name in ONE_USE:
                    paths[name] = fixtures(
                        env, "pool", ONE_USE[name], str(pool_size[name]), str(work)
                    )
                result = measure(cfg, use_wrk, app, paths[name]["file"], expected[name])
                results[name].append(result)
                note = ""
                if name in ONE_USE:
                    if result["requests"] > paths[name]["pool"]:
                        note = f"  (pool of {paths[name]['pool']} ran out: rerun helps)"
                    pool_size[name] = max(pool_size[name], int(result["requests"] * 1.5) + 100)
                progress(name, result, note)
        rss = rss_rows([app, *bares])
    finally:
        app.stop()
        for bare in bares:
            bare.stop()
    log("peak RSS per gunicorn worker (VmHWM) after the rounds:")
    for row in report.rss_lines(rss):
        log(row)
    log("memory of reports and exports (a fresh one-worker server each, the busiest course):")
    probe_rows = memory_probes(env, setup, work, probe_port)
    for row in probe_rows:
        log(row)
    saved = save(cfg, results, rss, work, f"{database}+{cache}")
    if not os.environ.get("BENCH_KEEP"):
        shutil.rmtree(work, ignore_errors=True)
    made = report.rows(results)
    described = {name: text for name, text, _ in PATHS} | {n: t for n, _, t in BARE_VIEWS}
    log("")
    for line in report.table(made, described):
        log(line)
    log(f"saved as {saved}")
    log("")
    for line in report.last_lines(made):
        log(line)
    sys.exit(exit_status(made, probe_rows))


def exit_status(made: list[report.Row], probe_rows: tuple[str, ...] = ()) -> int:
    """Non-zero when any response was unexpected: the figures then measure something else."""
    failed = any(row.errors for row in made) or any(
        row.endswith(("UNEXPECTED STATUS", "WORKER LOST")) for row in probe_rows
    )
    return 1 if failed else 0


def save(cfg: Config, results: dict, rss: list[dict], work: Path, database: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    data = {
        "database": database,
        "config": cfg.__dict__,
        "results": results,
        "rss": rss,
        "work": str(work),
    }
    saved = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}-{database}.json"
    saved.write_text(json.dumps(data, indent=2))
    return saved


def cli(argv: list[str]) -> None:
    if argv[:1] == ["--compare"] and len(argv) == 3:
        for line in report.compare(argv[1], argv[2]):
            log(line)
    elif argv:
        sys.exit("usage: run.py  |  run.py --compare first.json second.json")
    else:
        main()


if __name__ == "__main__":
    cli(sys.argv[1:])
