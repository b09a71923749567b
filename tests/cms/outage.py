"""Database outages for tests: both of /healthz's ways to the database failing at once, and a
TCP proxy of the test's own on 127.0.0.1 in front of PostgreSQL that forwards, or accepts
connections and never answers (a black hole: what a network partition looks like to a client
whose SYN was answered), or closes them (refused). The machine's PostgreSQL is never touched."""

import contextlib
import socket
import threading
from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError, connection


class DatabaseProxy:
    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.mode = "forward"
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self.port = self._server.getsockname()[1]
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.mode == "blackhole":
                self._held.append(client)  # accepted, never read, never answered
            elif self.mode == "refuse":
                client.close()
            else:
                upstream = socket.create_connection(self.upstream)
                self._held += [client, upstream]
                for source, target in ((client, upstream), (upstream, client)):
                    threading.Thread(target=_pipe, args=(source, target), daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        self._thread.join()
        for sock in self._held:
            sock.close()


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def database_down():
    """Both ways /healthz reaches the database fail: the shared connection and, on PostgreSQL,
    the probe's own connection."""
    down = connection.Database.OperationalError("could not connect")
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
        mock.patch.object(connection.Database, "connect", side_effect=down),
    ):
        yield
