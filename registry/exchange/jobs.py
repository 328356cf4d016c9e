"""Import jobs in PostgreSQL and the worker that runs them outside the request.

A worker claims the oldest queued job with SELECT … FOR UPDATE SKIP LOCKED (several processes may run one
each) and holds a session advisory lock on the job while it works, on a connection of its own. The import is
one transaction: a crash leaves nothing written, the lock goes with the dead connection, and the next start
(`recover_jobs`) marks every job left in checking/importing without a living lock-holder as failed.
Progress is written on a separate autocommit connection, so readers see it while the import runs.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
import time
import uuid
import zipfile
from pathlib import Path

from sqlalchemy import text

from ..auth.actor import Actor
from ..errors import Conflict, Forbidden, InvalidInput, NotFound
from .importer import run_import, save_done
from .models import ExchangeJob
from .package import _zip_name

log = logging.getLogger(__name__)
_LOCK = "SELECT pg_try_advisory_lock(hashtext('exchange_jobs'), :id)"
_UNLOCK = "SELECT pg_advisory_unlock(hashtext('exchange_jobs'), :id)"
_CLAIM = text("""
UPDATE exchange_jobs SET status = 'checking', updated_at = now()
WHERE id = (SELECT id FROM exchange_jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id""")


def _county_of_zip(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [_zip_name(i) for i in zf.infolist()]
    except zipfile.BadZipFile:
        return None
    tops = {n.split("/")[0] for n in names if "/" in n}
    top = next(iter(tops)) if len(tops) == 1 else ""
    return top[:6] if top[:6].isdigit() else None


def enqueue(session, actor, filename: str, stream, upload_dir: Path, dry_run: bool) -> ExchangeJob:
    """Store the upload and queue it; a reviewer may import only a package of their own county."""
    actor.require_role("reviewer")
    upload_dir.mkdir(parents=True, exist_ok=True)
    path = upload_dir / f"{uuid.uuid4().hex}.zip"
    with open(path, "wb") as fh:
        shutil.copyfileobj(stream, fh)
    county = _county_of_zip(path)
    if county is None:
        path.unlink()
        raise InvalidInput(
            "The upload is not a .zip of one county package folder.",
            rule="EX-01",
            errors={"package": ["a .zip of <county code><name>/…"]},
        )
    try:
        actor.require_county(county, "reviewer")
    except Forbidden:
        path.unlink()
        raise
    return _queue(session, actor, path, filename[:255] or path.name, county, dry_run, file_sha256(path))


def _queue(session, actor, path: Path, name: str, county: str, dry_run: bool, sha256: str) -> ExchangeJob:
    job = ExchangeJob(
        status="queued",
        progress=0.0,
        dry_run=dry_run,
        username=actor.username,
        role=actor.role,
        scope=actor.scope,
        package_name=name,
        upload_path=str(path),
        upload_sha256=sha256,
        county=county,
    )
    session.add(job)
    session.flush()
    return job


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _checked_package(job: ExchangeJob) -> Path | None:
    """The stored .zip of a clean dry run (no error found) when it is still there and unchanged."""
    if not (job.dry_run and job.status == "done" and (job.report or {}).get("status") == "dry_run"):
        return None
    path = Path(job.upload_path) if job.upload_path else None
    return path if path is not None and path.is_file() else None


def can_import_checked(job: ExchangeJob) -> bool:
    return _checked_package(job) is not None


def import_checked(session, actor, job_id: int) -> ExchangeJob:
    """ "导入此数据包": queue the import of a clean dry run's stored package, no second upload. The package is
    handed over to the new job (a second click finds none), after its SHA-256 is found unchanged (EX-01)."""
    actor.require_role("reviewer")
    job = get_job(session, actor, job_id)
    path = _checked_package(job)
    if path is None:
        raise Conflict(
            "Import {id} is not a dry run without errors whose package is kept.",
            rule="EX-01",
            params={"id": job_id},
        )
    if job.county:
        actor.require_county(job.county, "reviewer")
    if file_sha256(path) != job.upload_sha256:
        raise Conflict(
            "The stored package of import {id} changed after its check (SHA-256).",
            rule="EX-01",
            params={"id": job_id},
        )
    job.upload_path = None
    return _queue(session, actor, path, job.package_name, job.county, False, job.upload_sha256)


def get_job(session, actor, job_id: int) -> ExchangeJob:
    job = session.get(ExchangeJob, job_id)
    if job is None:
        raise NotFound("Import {id} does not exist.", params={"id": job_id})
    if (
        actor.role != "admin"
        and job.username != actor.username
        and (actor.role != "reviewer" or actor.county not in ((job.scope or "")[:6], job.county))
    ):
        raise Forbidden("Import {id} is outside your scope.", rule="SEC-01", params={"id": job_id})
    return job


class _Progress:
    """Writes (status, progress) on its own autocommit connection, at most every half second."""

    def __init__(self, engine, job_id: int):
        self.conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self.job_id, self.last, self.stage = job_id, 0.0, "checking"

    def __call__(self, stage: str, fraction: float) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.last < 0.5:
            return
        self.stage, self.last = stage, now
        self.conn.execute(
            text("UPDATE exchange_jobs SET status = :s, progress = :p, updated_at = now() WHERE id = :id"),
            {"s": stage, "p": round(min(max(fraction, 0), 0.99), 3), "id": self.job_id},
        )

    def close(self):
        self.conn.close()


def run_job(db, job_id: int) -> str:
    """Run one claimed job to its end (done, refused or failed) under its advisory lock."""
    engine, session = db.engine, db.session
    lock = engine.connect()
    if not lock.execute(text(_LOCK), {"id": job_id}).scalar_one():
        lock.close()
        return "busy"
    lock.commit()
    progress = _Progress(engine, job_id)
    workdir = Path(tempfile.mkdtemp(prefix="exchange-job-"))
    try:
        job = session.get(ExchangeJob, job_id)
        actor = Actor(job.username, job.role, job.scope)
        upload = Path(job.upload_path)
        if job.upload_sha256 and file_sha256(upload) != job.upload_sha256:
            raise RuntimeError(
                "the stored package changed after it was queued (SHA-256); nothing was written"
            )
        outcome = run_import(session, actor, upload, dry_run=job.dry_run, progress=progress, workdir=workdir)
        if outcome.status == "done":
            save_done(session, actor, outcome, job=job)
        else:
            session.rollback()
            job = session.get(ExchangeJob, job_id)
            job.status = "refused" if outcome.status == "refused" else "done"
            job.progress, job.report = 1.0, outcome.report()
        keep = outcome.status == "dry_run"  # a clean dry run keeps its package for "导入此数据包"
        if not keep:
            job.upload_path = None
        session.commit()
        if not keep:
            upload.unlink(missing_ok=True)
        return job.status
    except Exception as err:  # noqa: BLE001 - any failure ends the job as failed, with what happened
        log.exception("exchange job %s failed", job_id)
        session.rollback()
        job = session.get(ExchangeJob, job_id)
        job.status, job.report = "failed", {"error": type(err).__name__, "detail": str(err)[:500]}
        session.commit()
        return "failed"
    finally:
        session.remove()
        progress.close()
        shutil.rmtree(workdir, ignore_errors=True)
        lock.execute(text(_UNLOCK), {"id": job_id})
        lock.close()


def claim(db) -> int | None:
    with db.engine.begin() as conn:
        return conn.execute(_CLAIM).scalar()


def recover_jobs(db) -> list[int]:
    """Jobs left checking/importing by a process that died: failed (their import never committed)."""
    failed = []
    with db.engine.connect() as conn:
        stale = conn.execute(
            text("SELECT id FROM exchange_jobs WHERE status IN ('checking','importing')")
        ).scalars()
        for job_id in list(stale):
            if conn.execute(text(_LOCK), {"id": job_id}).scalar_one():
                conn.execute(
                    text(
                        "UPDATE exchange_jobs SET status = 'failed', updated_at = now(), report = "
                        "jsonb_build_object('error', 'interrupted', 'detail', "
                        "'the import stopped before it ended; nothing was written') WHERE id = :id"
                    ),
                    {"id": job_id},
                )
                conn.execute(text(_UNLOCK), {"id": job_id})
                failed.append(job_id)
        conn.commit()
    return failed


def work_once(app, db) -> str | None:
    with app.app_context():
        job_id = claim(db)
        return run_job(db, job_id) if job_id is not None else None


def start_worker(app, db, interval: float = 1.0) -> threading.Thread:
    """The worker thread of this process: recover what a previous run left, then take jobs one by one."""

    def loop():
        with app.app_context():
            recover_jobs(db)
        while True:
            try:
                if work_once(app, db) is None:
                    time.sleep(interval)
            except Exception:  # noqa: BLE001 - the worker outlives a bad job or a lost connection
                log.exception("exchange worker")
                time.sleep(interval)

    thread = threading.Thread(target=loop, name="exchange-worker", daemon=True)
    thread.start()
    return thread
