"""Profile one benchmarked path in-process: where a request's time goes, before changing code.

    BENCH_KEEP=1 make bench                     # keeps the work folder, printed first
    .venv/bin/python bench/profile_path.py /tmp/nmt-bench-XXXX lesson_enrolled [--requests 300]

It replays the path's request file (bench/wrk/requests.lua's format) through the site's WSGI
application with the bench's database and settings, under cProfile, and prints the functions
with the most cumulative and own time, plus the SQL queries of one request.

A one-use path (attempt_submit, stripe_webhook: each request changes state) gets a fresh pool
first, as the bench makes before every round, large enough that no request is replayed:
profiling the repeat of an already-submitted attempt would measure the cheap "nothing to do".
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environ_for(method: str, path: str, body: str, headers: dict) -> dict:
    path_info, _, query = path.partition("?")
    data = body.encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(data),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        else:
            environ[f"HTTP_{key}"] = value
    return environ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="the bench work folder (BENCH_KEEP=1)")
    parser.add_argument("path", help="a path name, e.g. lesson_enrolled")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--save", type=Path, help="also write the profile here (pstats format)")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time functions by this process's CPU, not the wall clock: a wait on the "
        "database or Redis then costs only what the client spends on it",
    )
    args = parser.parse_args()
    request_file = args.work / "requests" / f"{args.path}.tsv"
    if not request_file.is_file():
        sys.exit(f"{request_file} not found: run BENCH_KEEP=1 make bench first")
    saved = args.work / "env.json"
    if not saved.is_file():
        sys.exit(f"{saved} not found: the work folder of an older run?")
    os.environ.update(json.loads(saved.read_text()))

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from bench.run import ONE_USE, fixtures, parse_line
    from config.wsgi import application

    if args.path in ONE_USE:
        # warm-up (20) + the one shown (1) + plain and profiled runs, each request once
        fixtures(os.environ.copy(), "pool", ONE_USE[args.path], str(2 * args.requests + 21),
                 str(args.work))  # fmt: skip
    requests = [parse_line(text) for text in request_file.read_text().splitlines()]
    step = iter(range(len(requests))) if args.path in ONE_USE else None

    def send(n: int) -> int:
        if step is not None:
            n = next(step)
        method, path, body, headers = requests[n % len(requests)]
        statuses = []
        chunks = application(
            environ_for(method, path, body, headers), lambda s, h: statuses.append(s)
        )
        for _ in chunks:
            pass
        getattr(chunks, "close", lambda: None)()
        return int(statuses[0].split()[0])

    for n in range(20):  # warm: imports, template loading, connections
        send(n)
    with CaptureQueriesContext(connection) as queries:
        status = send(0)
    print(f"one request: status {status}, {len(queries)} queries")
    for query in queries.captured_queries:
        print(f"  {query['time']:>6}s  {query['sql'][:160]}")
    reset_queries()
    started, cpu_started = time.perf_counter(), time.process_time()
    for n in range(args.requests):
        send(n)
    plain, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"\n{args.requests} requests in {plain:.2f}s: {1000 * plain / args.requests:.2f} ms each")
    # This process's CPU (the database's too, on SQLite): moves less with the machine's load.
    print(f"CPU {1000 * cpu / args.requests:.2f} ms each")
    profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for n in range(args.requests):
        send(n)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(
        f"\n{args.requests} requests in {elapsed:.2f}s: "
        f"{1000 * elapsed / args.requests:.2f} ms each (profiled)"
    )
    if args.save:
        profiler.dump_stats(args.save)
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
