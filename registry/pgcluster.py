"""A local PostgreSQL + PostGIS cluster run from the Debian binaries: the embedded default and the test
cluster.

The cluster listens only on a private Unix socket directory (no TCP). PostgreSQL refuses to run as root, so
when we are root the cluster runs as the `postgres` system user on a directory that user owns; when the
requested directory is not reachable by that user (a clone under a root-only folder) we fall back to a
directory under /var/tmp keyed by the requested path.

The embedded cluster under instance/ holds real records: it runs with PostgreSQL's durable defaults (fsync,
full_page_writes, synchronous_commit on). Only the throwaway test and bench clusters pass durable=False.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "registry"


class ClusterError(RuntimeError):
    pass


def _is_root() -> bool:
    return os.geteuid() == 0


def _run_as_owner(args: list[str], **kw) -> subprocess.CompletedProcess:
    if _is_root():
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def _owner_can_use(path: Path) -> bool:
    if not _is_root():
        return True
    probe = subprocess.run(
        ["runuser", "-u", "postgres", "--", "test", "-w", str(path), "-a", "-x", str(path)]
    )
    return probe.returncode == 0


def _prepare_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if _is_root():
        pw = pwd.getpwnam("postgres")
        os.chown(path, pw.pw_uid, pw.pw_gid)
    os.chmod(path, 0o700)


DURABLE = "-c fsync=on -c full_page_writes=on -c synchronous_commit=on"
FAST = "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"  # throwaway clusters only


class LocalCluster:
    def __init__(self, base: Path, *, durable: bool = True):
        self.durable = durable
        base = Path(base).resolve()
        base.mkdir(parents=True, exist_ok=True)
        home = base
        if _is_root():
            _prepare_dir(base / "pg")
            if not _owner_can_use(base / "pg"):
                digest = hashlib.sha1(str(base).encode()).hexdigest()[:12]
                home = Path("/var/tmp") / f"registry-pg-{digest}"
                home.mkdir(parents=True, exist_ok=True)
                os.chmod(home, 0o755)
        self.root = home / "pg"
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.logfile = self.root / "server.log"

    @property
    def user(self) -> str:
        return "postgres" if _is_root() else getpass.getuser()

    def url(self, dbname: str = DB_NAME) -> str:
        return f"postgresql+psycopg://{self.user}@/{dbname}?host={self.sockdir}"

    def check_binaries(self) -> None:
        if not (PG_BIN / "initdb").exists():
            raise ClusterError(
                f"PostgreSQL 15 is not installed ({PG_BIN}/initdb missing). "
                "Install it with: apt-get install postgresql-15 postgresql-15-postgis-3"
            )

    def initialized(self) -> bool:
        return (self.datadir / "PG_VERSION").exists()

    def running(self) -> bool:
        if not self.initialized():
            return False
        res = subprocess.run([str(PG_BIN / "pg_isready"), "-h", str(self.sockdir), "-q"], capture_output=True)
        return res.returncode == 0

    def init(self) -> None:
        self.check_binaries()
        _prepare_dir(self.root)
        _prepare_dir(self.sockdir)
        if not self.initialized():
            _prepare_dir(self.datadir)
            _run_as_owner(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.datadir),
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "-U",
                    self.user,
                ]
            )

    def start(self) -> None:
        if self.running() and self.durable and self.setting("fsync") != "on":
            self.stop()  # started by an older version with the fast settings: restart it durable
        if self.running():
            return
        self.init()
        if self.logfile.exists() and _is_root():
            shutil.chown(self.logfile, "postgres", "postgres")
        opts = (
            f"-c listen_addresses='' -k {self.sockdir} {DURABLE if self.durable else FAST} "
            "-c max_connections=100 -c shared_buffers=256MB"
        )
        _run_as_owner(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.datadir),
                "-l",
                str(self.logfile),
                "-o",
                opts,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        for _ in range(100):
            if self.running():
                break
            time.sleep(0.1)
        self.ensure_database(DB_NAME)

    def setting(self, name: str) -> str:
        return self.psql("postgres", f"SHOW {name}").strip()

    def ensure_database(self, name: str) -> None:
        exists = self.psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'").strip()
        if exists != "1":
            self.psql("postgres", f'CREATE DATABASE "{name}"')

    def drop_database(self, name: str) -> None:
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def psql(self, dbname: str, sql: str) -> str:
        res = subprocess.run(
            [
                "psql",
                "-h",
                str(self.sockdir),
                "-U",
                self.user,
                "-d",
                dbname,
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return res.stdout

    def stop(self) -> None:
        if self.initialized() and self.running():
            _run_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "-w", "stop"])

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def instance_cluster(instance_path: str | Path) -> LocalCluster:
    return LocalCluster(Path(instance_path))
