"""The bench harness itself: parsing, CPU arithmetic, status checking and the exit status.
No Django site, no database: a tiny WSGI app on loopback stands in for a server."""

import json

import pytest

from bench import cpu, loadgen, report, run
from bench.loadgen import Expect
from tests.bench.loopback import GENERATORS, serving

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:40123/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.31ms    3.02ms  48.10ms   81.22%
    Req/Sec   325.10     30.02   400.00     70.00%
  Latency Distribution
     50%   11.87ms
     75%   13.40ms
     90%   15.90ms
     99%    1.02s
  3241 requests in 5.01s, 10.33MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:    646.91
Transfer/sec:      2.06MB
bench-unexpected-sample 302 /accounts/login/?next=/courses/x/
bench-responses 3241
bench-unexpected 7
"""


def test_wrk_output_gives_throughput_latency_and_the_scripts_error_count():
    load = loadgen.parse_wrk(WRK_OUTPUT)
    assert (load.rps, load.requests) == (646.91, 3241)
    assert load.p50 == pytest.approx(11.87)
    assert load.p99 == pytest.approx(1020.0)
    assert (load.unexpected, load.socket_errors, load.errors) == (7, 3, 10)
    assert load.samples == ["302 /accounts/login/?next=/courses/x/"]


def test_wrk_output_without_the_scripts_counts_is_all_errors():
    unchecked = WRK_OUTPUT.split("bench-unexpected-sample")[0]
    assert loadgen.parse_wrk(unchecked).unexpected == 3241


@pytest.mark.parametrize(
    ("location", "accepted"),
    [
        ("/quizzes/attempts/17/review/", True),
        ("http://127.0.0.1:8000/quizzes/attempts/17/review/", True),
        ("/accounts/login/?next=/quizzes/attempts/17/submit/", False),
        ("/quizzes/attempts/17/x/review/", False),
        ("/quizzes/attempts//review/", False),
        (None, False),
    ],
)
def test_a_redirect_must_go_where_the_path_expects(location, accepted):
    assert Expect(302, "/quizzes/attempts/*/review/").accepts(302, location) is accepted


def test_a_status_other_than_the_expected_one_is_refused():
    assert not Expect(200).accepts(302, "/accounts/login/")
    assert not Expect(200).accepts(403, None)
    assert Expect(200).accepts(200, None)


def _stat(pid: int, ppid: int, utime: int, stime: int) -> str:
    # the command name may hold spaces and parentheses, as gunicorn's process titles do
    rest = ["S", str(ppid)] + ["0"] * 9 + [str(utime), str(stime)] + ["0"] * 39
    return f"{pid} (gunicorn: worker (app)) " + " ".join(rest) + "\n"


def _write_proc(tmp_path, counts, processes):
    """A fake /proc (stat files) and the workers' served counters, as gunicorn_count.py writes."""
    for pid, ppid, utime, stime in processes:
        (tmp_path / "proc" / str(pid)).mkdir(parents=True, exist_ok=True)
        (tmp_path / "proc" / str(pid) / "stat").write_text(_stat(pid, ppid, utime, stime))
    (tmp_path / "served").mkdir(exist_ok=True)
    for pid, served in counts.items():
        (tmp_path / "served" / str(pid)).write_text(f"{served:>20}")


def test_cpu_per_request_is_the_servers_ticks_over_the_responses_it_served(tmp_path):
    proc, served = tmp_path / "proc", tmp_path / "served"
    master, first, second = (100, 1, 5, 1), (101, 100, 300, 20), (102, 100, 310, 30)
    stranger = (999, 1, 9000, 9000)  # not one of gunicorn's processes: left out
    _write_proc(tmp_path, {101: 50, 102: 70}, [master, first, second, stranger])
    before = cpu.snapshot(100, served, proc)
    master, first, second = (100, 1, 5, 2), (101, 100, 500, 60), (102, 100, 480, 40)
    _write_proc(tmp_path, {101: 450, 102: 470}, [master, first, second])
    use = cpu.between(before, cpu.snapshot(100, served, proc))
    ticks = 1 + (200 + 40) + (170 + 10)
    assert use.served == 800
    assert use.seconds == pytest.approx(ticks * cpu.TICK)
    assert use.ms_per_request == pytest.approx(ticks * cpu.TICK * 1000 / 800)
    assert use.lost_workers == 0


def _round(cpu_seconds, served, unexpected=0):
    return {"rps": 100.0, "p50": 1.0, "p99": 2.0, "requests": served, "unexpected": unexpected,
            "socket_errors": 0, "samples": [], "cpu_seconds": cpu_seconds, "served": served,
            "lost_workers": 0}  # fmt: skip


def _results(submit_unexpected=0):
    return {
        report.BARE: [_round(1.0, 2000), _round(1.0, 2000)],  # 0.5 ms
        report.BARE_NOMW: [_round(0.5, 2000), _round(0.5, 2000)],  # 0.25 ms
        "catalog": [_round(0.9, 1000), _round(1.1, 1000)],  # 1 ms
        "attempt_submit": [_round(2.0, 100, submit_unexpected), _round(3.0, 100)],  # 25 ms
    }


def test_the_ratio_is_the_bare_views_cpu_per_request_over_the_paths():
    rows = {row.name: row for row in report.rows(_results())}
    assert rows["catalog"].cpu_ms == pytest.approx(1.0)
    assert rows["catalog"].ratio == pytest.approx(0.5)
    assert rows["catalog"].ratio_nomw == pytest.approx(0.25)
    assert rows["catalog"].verdict == "MISS"
    assert rows["attempt_submit"].ratio == pytest.approx(0.02)
    assert rows[report.BARE].ratio == pytest.approx(1.0)


def test_every_path_ends_with_one_line_whose_last_field_is_the_ratio():
    lines = report.last_lines(report.rows(_results(submit_unexpected=4)))
    submit = next(line for line in lines if line.startswith("attempt_submit "))
    assert " errors=4 " in submit
    assert " goal=0.08 MISS " in submit
    assert submit.split()[-1] == "ratio=0.02"


def test_the_run_exits_non_zero_when_any_response_was_unexpected():
    assert run.exit_status(report.rows(_results())) == 0
    assert run.exit_status(report.rows(_results(submit_unexpected=1))) == 1
    redirected_probe = "  students_csv      302   0.05s ...  [166 enrolments]  UNEXPECTED STATUS"
    assert run.exit_status(report.rows(_results()), (redirected_probe,)) == 1


def test_two_saved_runs_are_compared_path_by_path(tmp_path):
    sqlite, postgres = tmp_path / "sqlite.json", tmp_path / "postgres.json"
    sqlite.write_text(json.dumps({"database": "sqlite", "results": _results()}))
    slower = _results()
    slower["catalog"] = [_round(2.0, 1000), _round(2.0, 1000)]  # ratio 0.25: half of SQLite's
    postgres.write_text(json.dumps({"database": "postgres", "results": slower}))
    lines = report.compare(str(sqlite), str(postgres))
    assert next(line for line in lines if line.startswith("catalog")).endswith("MISS")
    assert next(line for line in lines if line.startswith("attempt_submit")).endswith("PASS")


@pytest.fixture
def lost_session_server():
    """Answers every request as a site does when the session is gone."""

    def app(environ, start_response):
        location = "/accounts/login/?next=" + environ["PATH_INFO"]
        start_response("302 Found", [("Location", location), ("Content-Length", "0")])
        return [b""]

    with serving(app) as port:
        yield port


@pytest.fixture
def submit_requests(tmp_path):
    requests = tmp_path / "submit.tsv"
    requests.write_text("POST\t/quizzes/attempts/5/submit/\tcsrfmiddlewaretoken=x\n")
    return requests


@pytest.mark.parametrize("generate", GENERATORS)
def test_a_redirect_to_the_login_page_is_an_error(generate, lost_session_server, submit_requests):
    load = generate(
        port=lost_session_server, request_file=submit_requests,
        expect=Expect(302, "/quizzes/attempts/*/review/"), seconds=1, threads=1, connections=2,
    )  # fmt: skip
    assert load.requests > 0
    assert load.unexpected == load.requests
    assert load.samples[0] == "302 /accounts/login/?next=/quizzes/attempts/5/submit/"
    results = _results() | {"attempt_submit": [_round(1.0, load.requests, load.unexpected)]}
    assert run.exit_status(report.rows(results)) == 1


@pytest.mark.parametrize("generate", GENERATORS)
def test_expected_redirects_are_not_errors(generate, lost_session_server, submit_requests):
    load = generate(
        port=lost_session_server, request_file=submit_requests,
        expect=Expect(302, "/accounts/login/?next=/quizzes/attempts/5/submit/"), seconds=1,
        threads=1, connections=2,
    )  # fmt: skip
    assert load.requests > 0
    assert load.errors == 0
