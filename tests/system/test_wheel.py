"""Packaging: the wheel carries everything read at run time. Built from a copy of the tree, installed into a
fresh
venv (no source tree on its path; the dependencies seen through a .pth onto this venv's site-packages, so it
stays
offline and fast), it migrates an empty database and serves a Chinese page and API calls in Chinese."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from tests.system.conftest import ROOT, Server, free_port

pytestmark = [pytest.mark.system, pytest.mark.slow]

IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "build",
    "instance",
    "test-output",
    "bench",
    "tests",
    "__pycache__",
    "*.egg-info",
    ".hypothesis",
    ".pytest_cache",
)


def _run(args, **kw):
    res = subprocess.run(args, capture_output=True, text=True, timeout=180, **kw)
    assert res.returncode == 0, f"{args}\n{res.stdout[-2000:]}\n{res.stderr[-3000:]}"
    return res.stdout


@pytest.fixture
def installed(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(
        ROOT, src, ignore=IGNORE
    )  # symlinks (registry/migrations, registry/fixtures) become copies
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ]
    )  # setuptools of the test extras: offline
    (wheel,) = (tmp_path / "dist").glob("rural_registry-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip()
    )
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ]
    )
    shutil.rmtree(src)
    return python, site


@pytest.fixture
def wheel_database(cluster):
    if cluster is None:
        pytest.skip("needs the throwaway cluster (TEST_DATABASE_URL is set)")
    cluster.drop_database("wheel")
    cluster.ensure_database("wheel")
    yield cluster.url("wheel")
    cluster.drop_database("wheel")


def test_the_installed_wheel_migrates_and_serves_in_chinese(installed, wheel_database, tmp_path):
    python, site = installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(
        DATABASE_URL=wheel_database, SECRET_KEY="wheel-test", REGISTRY_INSTANCE=str(tmp_path / "instance")
    )
    run = dict(cwd=tmp_path, env=env)
    where = _run([str(python), "-c", "import registry; print(registry.__file__)"], **run).strip()
    assert where == str(site / "registry" / "__init__.py")  # the installed package, not the source tree
    catalogues = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "registry").glob("**/translations/*/*/*.po")
    }
    assert catalogues and all((site / c).exists() for c in catalogues), catalogues
    flask = [str(python), "-m", "flask", "--app", "registry:create_app()"]
    _run([*flask, "db", "upgrade"], **run)
    _run([*flask, "users", "create", "admin1", "--role", "admin"], input="wheel-pass-123\n", **run)

    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    proc = subprocess.Popen(
        [
            str(python),
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "registry:create_app()",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        **run,
    )
    server = Server(wheel_database, tmp_path / "unused.log")
    server.port, server.proc = port, proc
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5).read().decode()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "gunicorn.log"
                ).read_text()
                time.sleep(0.2)
        assert "登录" in page and 'lang="zh' in page
        assert (
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web-static/css/app.css", timeout=5).status == 200
        )
        status, _, body = server.request(
            "POST", "/api/v1/auth/token", {"username": "admin1", "password": "wheel-pass-123"}
        )
        assert status == 200, body
        status, kind, missing = server.request(
            "GET", "/api/v1/parcels/41012210000100000099", token=body["token"]
        )
        assert status == 404 and kind == "application/problem+json"
        assert (
            re.search(r"[\u4e00-\u9fff]", missing["detail"]) and "does not exist" not in missing["detail"]
        ), missing
    finally:
        server.stop()
