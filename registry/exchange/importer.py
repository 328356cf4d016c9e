"""One import, all or nothing: open the package, read it, check it, load it, report — `run_import`.

Errors refuse the import and leave nothing written (the caller's transaction is rolled back); `dry_run`
checks and loads inside the transaction and rolls it back, so PAR-01/PAR-02 are found by a dry run too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..audit.services import record
from .bulkgc import collector_paused
from .checks import Data, run_all
from .fields import DK_MANDATORY
from .findings import Finding, has_errors, render_all
from .loader import Refused, load
from .models import ExchangeJob
from .package import open_package
from .shapes import central_meridian, open_layer, read_batches
from .tables import read_tables

EMPTY_COUNTS = dict.fromkeys(
    ("collectives", "households", "persons", "parcels", "contracts", "certificates", "transfers"), 0
)


@dataclass
class Outcome:
    status: str  # done | refused | unchanged | dry_run
    county: str
    year: int | None
    counts: dict
    findings: list[Finding] = field(default_factory=list)
    sha256: str = ""
    package: str = ""

    def report(self, lang: str = "zh") -> dict:
        return {
            "county": self.county,
            "year": self.year,
            "status": self.status,
            "package": self.package,
            "sha256": self.sha256,
            "counts": self.counts,
            "findings": render_all(self.findings, lang),
        }


def read_package(pkg, progress) -> tuple[Data, list[Finding]]:
    findings: list[Finding] = []
    rows, columns, table_findings = read_tables(pkg.tables)
    findings += table_findings
    data = Data(pkg.county, rows, columns)
    total = 0
    for shp in pkg.dk_files:
        layer, layer_findings = open_layer(shp)
        findings += layer_findings
        if layer is None:
            continue
        data.dk_fields = layer.fields
        data.central_meridian = central_meridian(layer.srid)
        if any(f not in layer.fields for f in DK_MANDATORY):
            continue  # EX-02 names the missing fields
        for records, geoms in read_batches(layer):
            data.dk += records
            data.geoms += geoms
            total += len(records)
            progress(min(0.1, 0.1 * total / max(layer.count, 1)))
    return data, findings


def already_imported(session, sha256: str) -> bool:
    return (
        session.scalar(
            select(ExchangeJob.id).where(
                ExchangeJob.sha256 == sha256, ExchangeJob.status == "done", ExchangeJob.dry_run.is_(False)
            )
        )
        is not None
    )


def run_import(
    session,
    actor,
    path: Path,
    *,
    dry_run: bool = False,
    progress=lambda stage, f: None,
    workdir: Path | None = None,
) -> Outcome:
    """Check and load the package at `path`; the caller commits when the outcome is `done`."""
    with collector_paused():
        return _run_import(session, actor, path, dry_run=dry_run, progress=progress, workdir=workdir)


def _run_import(session, actor, path: Path, *, dry_run: bool, progress, workdir: Path | None) -> Outcome:
    pkg = open_package(Path(path), workdir)
    out = Outcome(
        "refused", pkg.county, pkg.year, dict(EMPTY_COUNTS), list(pkg.findings), pkg.sha256, pkg.root.name
    )
    if has_errors(out.findings):
        return out
    actor.require_county(pkg.county, "reviewer")
    if already_imported(session, pkg.sha256):
        out.status = "unchanged"
        out.findings.append(
            Finding(
                "EX-01",
                "warning",
                "package",
                pkg.root.name,
                "This package (SHA-256 {sha}) was imported already; nothing changed.",
                {"sha": pkg.sha256[:16]},
            )
        )
        return out
    progress("checking", 0.0)
    data, read_findings = read_package(pkg, lambda f: progress("checking", f))
    out.findings += read_findings
    if has_errors(out.findings):
        return out
    out.findings += run_all(data, session)
    progress("checking", 0.2)
    if has_errors(out.findings):
        return out
    source = {"package": pkg.root.name, "sha256": pkg.sha256}
    try:
        with session.begin_nested():
            counts, load_findings = load(
                session, actor, data, source, lambda f: progress("importing", 0.2 + 0.8 * f)
            )
            out.findings += load_findings
            if dry_run:
                raise _DryRun
    except Refused as refused:
        out.findings += refused.findings
        return out
    except _DryRun:
        out.status, out.counts = "dry_run", counts
        return out
    out.status, out.counts = "done", counts
    record(
        session,
        actor,
        "exchange.import",
        "package",
        pkg.root.name,
        after={**source, "counts": counts, "warnings": sum(f.severity == "warning" for f in out.findings)},
    )
    return out


class _DryRun(Exception):
    """Leaves the savepoint: everything the dry run loaded is rolled back."""


def save_done(
    session, actor, outcome: Outcome, lang: str = "zh", job: ExchangeJob | None = None
) -> ExchangeJob:
    """The import's record, in the import's transaction: a second import of the same package finds it."""
    job = job or ExchangeJob(
        username=actor.username,
        role=actor.role,
        scope=actor.scope,
        package_name=outcome.package,
        dry_run=False,
    )
    job.status, job.progress, job.sha256, job.report = "done", 1.0, outcome.sha256, outcome.report(lang)
    session.add(job)
    session.flush()
    return job
