"""Where the parts of a county package are (EX-01): a folder or a .zip whose names are UTF-8 or GBK."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, error, warning

_COUNTY_DIR = re.compile(r"^(\d{6})(.+)$")
_DK = re.compile(r"^DK(\d{6})(\d{4})\w*\.shp$", re.IGNORECASE)
_TABLES = re.compile(r"^(\d{6})(\d{4})\.(mdb|xlsx)$", re.IGNORECASE)
OPTIONAL_DIRS = ("汇总表格", "图件", "其他资料")


@dataclass
class Package:
    root: Path
    county: str
    name: str
    year: int | None
    dk_files: list[Path]
    tables: Path | None
    sha256: str
    findings: list[Finding] = field(default_factory=list)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Names without the UTF-8 flag are cp437 to zipfile; the 确权 tools wrote GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gbk", errors="replace")


def extract_zip(path: Path, into: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = _zip_name(info)
            target = (into / name).resolve()
            if not str(target).startswith(str(into.resolve())):
                continue  # a name climbing out of the folder is ignored
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)


def digest(root: Path) -> str:
    """SHA-256 over every file's relative name and content, in name order."""
    h = hashlib.sha256()
    for p in sorted(x for x in root.rglob("*") if x.is_file()):
        h.update(str(p.relative_to(root)).encode())
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def _county_dir(path: Path) -> Path | None:
    if _COUNTY_DIR.match(path.name) and (path / "矢量数据").is_dir():
        return path
    subs = [p for p in path.iterdir() if p.is_dir() and _COUNTY_DIR.match(p.name)]
    return subs[0] if len(subs) == 1 else None


def open_package(path: Path, workdir: Path | None = None) -> Package:
    """Locate the parts; what is wrong with the layout is reported as EX-01 findings."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        workdir = workdir or Path(tempfile.mkdtemp(prefix="exchange-"))
        extract_zip(path, workdir)
        path = workdir
    root = _county_dir(path) if path.is_dir() else None
    if root is None:
        return Package(
            path,
            "",
            "",
            None,
            [],
            None,
            "",
            [
                error(
                    "EX-01",
                    "package",
                    path.name,
                    "No county folder <6-digit code><name> with 矢量数据 in {name}.",
                    name=path.name,
                )
            ],
        )
    county, name = _COUNTY_DIR.match(root.name).groups()
    findings: list[Finding] = []
    vector = root / "矢量数据"
    dk = sorted(p for p in vector.iterdir() if _DK.match(p.name))
    years = {_DK.match(p.name).group(2) for p in dk}
    if not dk:
        findings.append(error("EX-01", "矢量数据", "", "No DK shapefile in 矢量数据."))
    for p in dk:
        if _DK.match(p.name).group(1) != county:
            findings.append(
                error(
                    "EX-01",
                    p.name,
                    "",
                    "{file} names county {other}, not {county}.",
                    file=p.name,
                    other=_DK.match(p.name).group(1),
                    county=county,
                )
            )
    tables_dir = root / "权属数据"
    tables = sorted(p for p in tables_dir.iterdir() if _TABLES.match(p.name)) if tables_dir.is_dir() else []
    if not tables:
        findings.append(error("EX-01", "权属数据", "", "No <county><year>.mdb or .xlsx in 权属数据."))
    for p in tables:
        years.add(_TABLES.match(p.name).group(2))
    if len(years) > 1:
        findings.append(
            error(
                "EX-01",
                "package",
                "",
                "The file names give different years: {years}.",
                years=", ".join(sorted(years)),
            )
        )
    for d in OPTIONAL_DIRS:
        if not (root / d).is_dir():
            findings.append(
                warning("EX-01", "package", d, "The optional folder {folder} is missing.", folder=d)
            )
    mdb = [p for p in tables if p.suffix.lower() == ".mdb"]
    year = int(min(years)) if years else None
    return Package(root, county, name, year, dk, (mdb or tables or [None])[0], digest(root), findings)
