"""The registry served by real gunicorn processes on the throwaway cluster, for fault tests (kill -9,
PostgreSQL
stopped under load). The server shares the test database; tokens come from the in-process test client."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn (one worker, some threads) in its own process group, so kill -9 takes master and worker."""

    def __init__(self, database_url: str, log: Path):
        self.database_url, self.log, self.port = database_url, log, free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "4",
            "SECRET_KEY": "fault-tests",
        }
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                if self.request("GET", "/api/v1/rules")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.log.read_text()[-3000:])

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(30)

    def request(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 30):
        """(status, content type, parsed JSON or None) of one HTTP request."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.headers.get_content_type(), json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as err:
            raw = err.read()
            return err.code, err.headers.get_content_type(), json.loads(raw) if raw else None


@pytest.fixture
def server(database_url, world, tmp_path):
    s = Server(database_url, tmp_path / "gunicorn.log")
    s.start()
    yield s
    s.stop()
