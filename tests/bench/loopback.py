"""A WSGI app served on 127.0.0.1 for the harness tests, and the load generators to aim at it."""

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from bench import loadgen

GENERATORS = [
    loadgen.run_python,
    pytest.param(
        loadgen.run_wrk,
        marks=pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed"),
    ),
]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(app) -> Iterator[int]:
    """`app` answering on a free loopback port, which is yielded."""
    server = make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
