"""Real faults for the tests: a MariaDB server of their own, which they may kill and start again
(never the shared one on 3306), and a TCP proxy that cuts a connection right after a chosen
statement has reached the server, so the server runs it and the client never hears back."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import mysql.connector


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateServer:
    """mariadbd on a free port with its own data folder; root without a password."""

    def __init__(self, folder: Path, *options: str):
        self.folder, self.options, self.port = folder, options, free_port()
        self.process: subprocess.Popen | None = None
        subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={folder / 'data'}",
                        "--auth-root-authentication-method=normal", "--skip-test-db"],
                       check=True, capture_output=True, timeout=120)

    @staticmethod
    def available() -> bool:
        return all(shutil.which(tool) for tool in ("mariadb-install-db", "mariadbd"))

    def start(self) -> None:
        with open(self.folder / "server.log", "ab") as server_log:
            self.process = subprocess.Popen(
                ["mariadbd", "--no-defaults", f"--datadir={self.folder / 'data'}", f"--port={self.port}",
                 "--bind-address=127.0.0.1", f"--socket={self.folder / 'mysqld.sock'}",
                 f"--pid-file={self.folder / 'mysqld.pid'}", "--user=root", "--skip-log-bin", *self.options],
                stdout=subprocess.DEVNULL, stderr=server_log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                mysql.connector.connect(host="127.0.0.1", port=self.port, user="root", password="",
                                        connection_timeout=1).close()
                return
            except mysql.connector.Error:
                time.sleep(0.1)
        raise RuntimeError(f"the private MariaDB did not start; see {self.folder / 'server.log'}")

    def kill(self) -> None:
        """Kill -9 by PID: the server dies as in a crash or a power cut, without a goodbye."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def connect(self):
        """An administrator's connection to this server (it is ours to reconfigure)."""
        return mysql.connector.connect(host="127.0.0.1", port=self.port, user="root", password="")

    def env(self, name: str, port: int | None = None) -> dict[str, str]:
        return {"DB_ENGINE": "mysql", "DB_HOST": "127.0.0.1", "DB_PORT": str(port or self.port), "DB_USER": "root",
                "DB_PASSWORD": "", "DB_NAME": name}


class CuttingProxy:
    """Forwards connections to the server. Once cut_after(sql) matches a statement, that statement
    goes to the server, the server's reply is awaited and swallowed, and the client's connection
    is closed: the work is done, the answer never arrives. Later connections pass untouched."""

    def __init__(self, server_port: int):
        self.server_port, self.port = server_port, free_port()
        self.cut_after: Callable[[str], bool] | None = None
        self.cuts = 0
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.server_port))
            link = _Link(self, client, server)
            threading.Thread(target=link.client_to_server, daemon=True).start()
            threading.Thread(target=link.server_to_client, daemon=True).start()


class _Link:
    def __init__(self, proxy: CuttingProxy, client: socket.socket, server: socket.socket):
        self.proxy, self.client, self.server = proxy, client, server
        self.swallowing = threading.Event()
        self.swallowed = threading.Event()

    def client_to_server(self) -> None:
        pending = b""
        try:
            while chunk := self.client.recv(65536):
                pending += chunk
                while len(pending) >= 4 and len(pending) >= 4 + int.from_bytes(pending[:3], "little"):
                    size = 4 + int.from_bytes(pending[:3], "little")
                    packet, pending = pending[:size], pending[size:]
                    if self._cuts_here(packet):
                        self.swallowing.set()
                        self.server.sendall(packet)
                        self.swallowed.wait(timeout=10)  # the server has done it and answered
                        self._close()
                        return
                    self.server.sendall(packet)
        except OSError:
            pass
        self._close()

    def server_to_client(self) -> None:
        try:
            while chunk := self.server.recv(65536):
                if self.swallowing.is_set():
                    self.swallowed.set()
                    continue
                self.client.sendall(chunk)
        except OSError:
            pass
        self._close()

    def _cuts_here(self, packet: bytes) -> bool:
        rule = self.proxy.cut_after
        if rule is None or len(packet) < 5 or packet[4] != 0x03:  # COM_QUERY
            return False
        if not rule(packet[5:].decode("utf-8", "replace")):
            return False
        self.proxy.cut_after, self.proxy.cuts = None, self.proxy.cuts + 1
        return True

    def _close(self) -> None:
        for side in (self.client, self.server):
            with contextlib.suppress(OSError):
                side.shutdown(socket.SHUT_RDWR)
            side.close()
