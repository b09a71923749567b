"""gunicorn config for the bench servers: each worker keeps the number of responses it has
served in $BENCH_COUNT_DIR/<pid>, so CPU per request divides by exactly what the server did
(a load generator misses the requests in flight when it stops).

One pwrite of 20 bytes per request: about a microsecond, the same on every server measured.
"""

import os

_served = 0
_fd = None


def post_request(worker, req, environ, resp):
    global _served, _fd
    _served += 1
    if _fd is None:
        path = os.path.join(os.environ["BENCH_COUNT_DIR"], str(os.getpid()))
        _fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.pwrite(_fd, b"%20d" % _served, 0)
