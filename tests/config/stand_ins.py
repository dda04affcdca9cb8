"""Servers on loopback ports that play a service in trouble, for the outage tests.

Real sockets, real clients: only the far end is ours. Each counts the connections it
accepted, so a test can prove a client stopped touching it without timing anything.
"""

import socket
import threading


def closed_port() -> int:
    """A loopback port nothing listens on (taken and let go again)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StandInServer:
    """Accepts connections and, while `silent`, never answers a byte — a hung Redis or
    cluster. `forward_to(host, port)` makes it pass every new connection through to the
    real service: the service came back."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.upstream: tuple[str, int] | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def forward_to(self, host: str, port: int) -> None:
        self.upstream = (host, port)

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:  # closed by close()
                return
            with self._lock:
                self.connections += 1
                self._open.append(client)
            if self.upstream is not None:
                self._pipe(client, socket.create_connection(self.upstream))

    def _pipe(self, client: socket.socket, server: socket.socket) -> None:
        with self._lock:
            self._open.append(server)
        for source, target in ((client, server), (server, client)):
            threading.Thread(target=_copy, args=(source, target), daemon=True).start()

    def close(self) -> None:
        self.listener.close()
        with self._lock:
            for connection in self._open:
                connection.close()


def _copy(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
    except OSError:
        return
    finally:
        target.close()
