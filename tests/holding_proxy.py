"""A TCP relay that stops one response part way, on purpose, so a test can lose an upstream while a stream
is known to be mid-way (a fast reader may otherwise have been sent the whole stream before a kill lands)."""

from __future__ import annotations

import socket
import struct
import threading


class HoldingProxy:
    """Relays 127.0.0.1:`port` to `upstream_port`. The response to the first request whose head contains
    `marker` is relayed up to its `hold_after_lines`-th NDJSON line (`}` + newline), then held: nothing more is
    read from upstream for it. `reset()` drops every client connection with a TCP reset."""

    def __init__(self, upstream_port: int, marker: bytes, hold_after_lines: int):
        self.upstream_port = upstream_port
        self.marker = marker
        self.hold_after_lines = hold_after_lines
        self.holding = threading.Event()  # set once the marked response is held
        self._claimed = False
        self._lock = threading.Lock()
        self._clients: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:  # the upstream is down: the client is refused too, not left waiting for an answer
                _close(client)
                continue
            with self._lock:
                self._clients.append(client)
            marked = threading.Event()
            threading.Thread(target=self._requests, args=(client, upstream, marked), daemon=True).start()
            threading.Thread(target=self._responses, args=(upstream, client, marked), daemon=True).start()

    def _requests(self, client: socket.socket, upstream: socket.socket, marked: threading.Event) -> None:
        try:
            while data := client.recv(65536):
                with self._lock:
                    if not self._claimed and self.marker in data:
                        self._claimed = True
                        marked.set()
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            _close(upstream)

    def _responses(self, upstream: socket.socket, client: socket.socket, marked: threading.Event) -> None:
        lines = 0
        try:
            while data := upstream.recv(65536):
                if marked.is_set():
                    at = 0
                    while lines < self.hold_after_lines and (found := data.find(b"}\n", at)) >= 0:
                        lines, at = lines + 1, found + 2
                    if lines >= self.hold_after_lines:
                        client.sendall(data[:at])
                        self.holding.set()
                        self._closed.wait()  # held: upstream is not read again for this connection
                        return
                client.sendall(data)
        except OSError:
            pass

    def reset(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            try:  # linger 0: the last close sends RST, as a peer that vanished would look
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                # close() alone would not end a recv() blocked in the relay thread (nor the connection with it)
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            _close(client)

    def close(self) -> None:
        self._closed.set()
        self.reset()
        _close(self._listener)


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:
        pass
