"""Round trip: the demo county exported, imported into an empty registry and exported again gives the same
DBF records, geometry within 1 mm, the same tables and the same summary tables (EX-01..EX-11 pass on our
own export). Also the export's own form: GBK byte 29 = 0x4D, no .cpg, the GK .prj, template widths."""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pyogrio
import pyogrio.raw
import shapely
from openpyxl import load_workbook
from sqlalchemy import text

from registry import demo
from registry.contracts.demo import demo_contracts
from registry.certificates.demo import demo_certificates
from registry.db import db
from registry.membership.demo import demo_membership
from registry.parcels.demo import demo_parcels
from tests.conftest import _tables_to_empty

STEPS = [
    demo._collectives,
    demo._households,
    demo_parcels,
    demo_membership,
    demo_contracts,
    demo_certificates,
]


def _load_demo():
    data = json.loads(demo.FIXTURES.read_text())
    for step in STEPS:
        step(db.session, data)
        db.session.flush()
    db.session.commit()
    return data["county"]["code"] if isinstance(data["county"], dict) else data["county"]


def _empty_registry():
    db.session.remove()
    with db.engine.begin() as conn:
        conn.execute(text("SET session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {_tables_to_empty()} RESTART IDENTITY CASCADE"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)"))
        conn.execute(text("SET session_replication_role = origin"))


def _dk(root):
    shp = next((root / "矢量数据").glob("DK*.shp"))
    _, _, wkb, values = pyogrio.raw.read(shp, encoding="GBK")
    fields = pyogrio.read_info(shp, encoding="GBK")["fields"]
    rows = [dict(zip(fields, r, strict=True)) for r in zip(*[list(v) for v in values], strict=True)]
    return shp, rows, shapely.from_wkb(np.asarray(wkb, dtype=object))


def _sheets(path):
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def test_demo_county_round_trip(app, tmp_path, cli_import, cli_export):
    with app.app_context():
        county = _load_demo()
        db.session.remove()
    first = cli_export(county, tmp_path / "a")
    with app.app_context():
        _empty_registry()
    result = cli_import(first)
    assert result.exit_code == 0, result.output
    second = cli_export(county, tmp_path / "b")

    shp, rows_a, geoms_a = _dk(first)
    _, rows_b, geoms_b = _dk(second)
    assert len(rows_a) == 144 and rows_a == rows_b
    for a, b in zip(geoms_a, geoms_b, strict=True):
        assert shapely.hausdorff_distance(a, b) < 0.001
    with open(shp.with_suffix(".dbf"), "rb") as fh:
        assert fh.read(32)[29] == 0x4D
    assert not shp.with_suffix(".cpg").exists()
    assert "CGCS2000" in shp.with_suffix(".prj").read_text() and "114" in shp.with_suffix(".prj").read_text()
    with open(shp.with_suffix(".dbf"), "rb") as fh:  # field descriptors: name, type, width, decimals
        header = fh.read(32 + 32 * 19)
    widths = {
        header[32 + 32 * i : 43 + 32 * i].rstrip(b"\0").decode(): (
            chr(header[43 + 32 * i]),
            header[48 + 32 * i],
            header[49 + 32 * i],
        )
        for i in range(19)
    }
    assert widths["DKBM"] == ("C", 19, 0) and widths["SCMJ"] == ("N", 16, 2) and widths["BSM"] == ("N", 10, 0)
    for rel in [p.relative_to(first) for p in first.rglob("*.xlsx")]:
        assert _sheets(first / rel) == _sheets(second / rel), rel
    tables = _sheets(next((first / "权属数据").glob("??????????.xlsx")))
    assert tables["CBHT"][0][:5] == ["CBHTBM", "YCBHTBM", "FBFBM", "CBFBM", "CBFS"]
    assert len(tables["CBHT"]) > 1 and len(tables["CBJYQZ"]) == len(tables["CBHT"])
    assert len(list((first / "汇总表格").glob("*.xlsx"))) == 6


def test_the_readme_sample_package_passes_every_check_in_a_dry_run(app, cli_import):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "fixtures" / "exchange" / "410122中牟县"
    result = cli_import(sample, "--dry-run", "--lang", "en")
    assert result.exit_code == 0 and "dry_run" in result.output and "parcels 144" in result.output, (
        result.output
    )


def test_the_basic_farmland_layer_is_exported_as_jbntbhq(app, tmp_path, cli_export):
    """JBNTBHQ: every loaded 永久基本农田 polygon of the county, GBK byte 29, its area in mu, geometry
    within 1 mm."""
    with app.app_context():
        county = _load_demo()
        farmland = db.session.execute(
            text("SELECT area_m2, ST_AsBinary(geom) FROM basic_farmland_areas ORDER BY id")
        ).all()
        db.session.remove()
    assert farmland, "the demo county loads a basic farmland layer"
    root = cli_export(county, tmp_path / "a")
    shp = next((root / "矢量数据").glob("JBNTBHQ*.shp"))
    info = pyogrio.read_info(shp, encoding="GBK")
    assert list(info["fields"]) == ["BSM", "YSDM", "BHQBH", "JBNTMJ"] and info["features"] == len(farmland)
    _, _, wkb, values = pyogrio.raw.read(shp, encoding="GBK")
    assert [round(v, 2) for v in values[3]] == [float(round(a * Decimal("0.0015"), 2)) for a, _ in farmland]
    with open(shp.with_suffix(".dbf"), "rb") as fh:
        assert fh.read(32)[29] == 0x4D
    assert not shp.with_suffix(".cpg").exists()
    from pyproj import Transformer

    to_4490 = Transformer.from_crs(pyogrio.read_info(shp)["crs"], "EPSG:4490", always_xy=True)
    for (_, original), written in zip(farmland, shapely.from_wkb(np.asarray(wkb, dtype=object)), strict=True):
        back = shapely.transform(written, lambda xy: np.column_stack(to_4490.transform(xy[:, 0], xy[:, 1])))
        # ≈ 1 mm in degrees
        assert shapely.hausdorff_distance(shapely.from_wkb(bytes(original)), back) < 1e-8
