"""A package folder from records (the registry's export, or a test's synthetic county): EX-12 first."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from ..certificates.regions import county_name
from ..errors import RuleViolation
from .findings import Finding, render_all
from .summaries import summaries
from .fields import JBNTBHQ_SCHEMA
from .writers import gbk_findings, write_dk, write_layer, write_sheet, write_tables


class ExportRefused(RuleViolation):
    def __init__(self, findings: list[Finding]):
        rendered = render_all(findings)
        super().__init__(
            "{n} records cannot be written in GBK; nothing was exported.",
            rule="EX-12",
            params={"n": len(findings)},
            errors={f"{r['source']}.{r['key']}": [r["message"]] for r in rendered},
        )
        self.findings = findings


def code_table(county: str, fbf: list[dict]) -> list[list]:
    """权属单位代码 | 权属单位名称: the county, then every 发包方, codes right-padded with 0 to 14 digits."""
    rows = [[county.ljust(14, "0"), county_name(county)]]
    rows += [[f["FBFBM"], f.get("FBFMC")] for f in sorted(fbf, key=lambda x: x["FBFBM"])]
    return rows


def write_package(
    out: Path,
    county: str,
    year: int,
    tables: dict[str, list[dict]],
    dk: list[dict],
    geoms: list,
    srid: int,
    name: str | None = None,
    farmland: tuple[list[dict], list] | None = None,
) -> Path:
    """Written into a staging folder beside the target and moved into place when complete. The writers encode
    every text to GBK as they go; the first that cannot be refuses the export (EX-12): the staging folder
    goes,
    and every record that cannot be written is named."""
    root = Path(out) / f"{county}{name or county_name(county)}"
    Path(out).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{county}-", dir=out))
    staging.chmod(0o755)  # as a folder made with mkdir, not mkdtemp's 0700
    try:
        _write(staging, county, year, tables, dk, geoms, srid)
        if farmland and farmland[0]:
            write_layer(staging / "矢量数据" / f"JBNTBHQ{county}{year}.shp", JBNTBHQ_SCHEMA, *farmland, srid)
    except UnicodeEncodeError:
        shutil.rmtree(staging, ignore_errors=True)
        findings = gbk_findings("DK", "DKBM", dk) + gbk_findings("JBNTBHQ", "BHQBH", (farmland or ([],))[0])
        for table, rows in tables.items():
            key = next((k for k in ("CBFBM", "CBHTBM", "FBFBM", "CBJYQZBM") if rows and k in rows[0]), "")
            findings += gbk_findings(table, key, rows)
        if not findings:
            raise
        raise ExportRefused(findings) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if root.exists():
        shutil.rmtree(root)
    staging.rename(root)
    return root


def _write(
    root: Path, county: str, year: int, tables: dict[str, list[dict]], dk: list[dict], geoms: list, srid: int
) -> None:
    for sub in ("矢量数据", "权属数据", "汇总表格", "图件", "其他资料"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    write_dk(root / "矢量数据" / f"DK{county}{year}.shp", dk, geoms, srid)
    write_tables(root / "权属数据" / f"{county}{year}.xlsx", tables)
    write_sheet(
        root / "权属数据" / f"{county}{year}权属单位代码表.xlsx",
        "权属单位代码",
        ["权属单位代码", "权属单位名称"],
        code_table(county, tables.get("FBF", [])),
    )
    for title, (header, rows) in summaries(tables, dk).items():
        write_sheet(root / "汇总表格" / f"{county}{year}{title}.xlsx", title, header, rows)


class _GbkName(zipfile.ZipInfo):
    """A member whose name is stored in GBK without the UTF-8 flag, as the 确权 tools wrote them."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def zip_package(root: Path, target: Path, *, gbk_names: bool = False) -> Path:
    """The folder as a .zip; `gbk_names` writes the names as the 确权 tools did (GBK, no UTF-8 flag)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(root.rglob("*")):
            arc = str(p.relative_to(root.parent)) + ("/" if p.is_dir() else "")
            info = (_GbkName if gbk_names else zipfile.ZipInfo)(arc)
            if p.is_dir():
                info.external_attr = 0o40755 << 16
                zf.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, p.read_bytes())
    return target
