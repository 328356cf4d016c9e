"""EX-03 encodings as they occur (GBK with byte 29, GBK with a .cpg, UTF-8 with a .cpg, GBK with neither,
a conflicting pair), a zip with GBK names, --dry-run, a second import, and EX-12 on export."""

from __future__ import annotations

import fiona
import pytest
from sqlalchemy import select

from registry.db import db
from registry.exchange.packwriter import zip_package
from registry.exchange.shapes import decide_encoding
from registry.people.models import Person
from tests.exchange.helpers import counts, import_package, nothing_written
from tests.factories_exchange import synthetic_county


def _set_byte29(shp, value):
    with open(shp.with_suffix(".dbf"), "r+b") as fh:
        fh.seek(29)
        fh.write(bytes([value]))


def _to_utf8(shp):
    """The same layer re-written as newer ArcGIS does: UTF-8 text with a .cpg."""
    tmp = shp.with_name("tmp.shp")
    with fiona.open(shp, encoding="cp936") as src:
        with fiona.open(tmp, "w", encoding="utf-8", **src.meta) as dst:
            dst.writerecords(src)
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        tmp.with_suffix(ext).replace(shp.with_suffix(ext))
    _set_byte29(shp, 0)
    shp.with_suffix(".cpg").write_text("UTF-8")


def _parcel_names(app):
    with app.app_context():
        names = set(db.session.scalars(select(Person.name)))
        from registry.parcels.models import Parcel

        names |= set(db.session.scalars(select(Parcel.name)))
        db.session.remove()
    return names


@pytest.mark.parametrize("case", ["gbk_byte29", "gbk_cpg", "gbk_plain", "utf8_cpg"])
def test_ex03_the_encoding_is_decided_and_chinese_reads_back(app, world, tmp_path, case):
    root = synthetic_county().write(tmp_path)
    shp = root / "矢量数据" / "DK4101222016.shp"
    expected = "UTF-8" if case == "utf8_cpg" else "GBK"
    if case == "gbk_cpg":
        _set_byte29(shp, 0)
        shp.with_suffix(".cpg").write_text("GBK")
    elif case == "gbk_plain":
        _set_byte29(shp, 0)
    elif case == "utf8_cpg":
        _to_utf8(shp)
    assert decide_encoding(shp) == (expected, [])
    outcome = import_package(app, root)
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert "东坡1号" in _parcel_names(app)


def test_ex03_a_conflicting_pair_names_both_encodings(app, world, tmp_path):
    root = synthetic_county().write(tmp_path)
    shp = root / "矢量数据" / "DK4101222016.shp"
    shp.with_suffix(".cpg").write_text("UTF-8")
    encoding, findings = decide_encoding(shp)
    assert (
        encoding is None
        and findings[0].check == "EX-03"
        and findings[0].params == {"byte": "GBK", "cpg": "UTF-8"}
    )


def test_a_zip_with_gbk_names_imports(app, world, tmp_path):
    root = synthetic_county().write(tmp_path / "pkg")
    archive = zip_package(root, tmp_path / "county.zip", gbk_names=True)
    import zipfile

    with zipfile.ZipFile(archive) as zf:
        assert not any(i.flag_bits & 0x800 for i in zf.infolist())  # no UTF-8 flag: GBK bytes
    outcome = import_package(app, archive, workdir=tmp_path / "unpacked")
    assert outcome.status == "done", outcome.report("en")["findings"]
    assert outcome.package == "410122中牟县" and counts(app)["parcels"] == 8


def test_dry_run_checks_everything_and_writes_nothing(app, world, tmp_path, cli_import):
    root = synthetic_county().write(tmp_path)
    result = cli_import(root, "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "dry_run" in result.output and "parcels 8" in result.output
    assert nothing_written(app)


def test_a_second_import_of_the_same_package_changes_nothing(app, world, tmp_path, cli_import):
    root = synthetic_county().write(tmp_path)
    assert cli_import(root).exit_code == 0
    before = counts(app)
    again = cli_import(root, "--lang", "en", "--report", str(tmp_path / "r.json"))
    assert again.exit_code == 0 and "unchanged" in again.output and "imported already" in again.output
    assert counts(app) == before


def test_a_refused_import_exits_1_with_the_report_in_chinese(app, world, tmp_path, cli_import):
    c = synthetic_county()
    c.dk[0]["DKLB"] = "77"
    result = cli_import(c.write(tmp_path), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 1
    import json

    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    finding = next(f for f in report["findings"] if f["check"] == "EX-11")
    assert finding["severity"] == "error" and finding["source"] == "DK" and "代码表" in finding["message"]
    assert nothing_written(app)


def test_ex12_a_name_outside_gbk_refuses_the_export_naming_the_record(app, world, tmp_path, cli, cli_import):
    c = synthetic_county()
    assert import_package(app, c.write(tmp_path / "in")).status == "done"
    with app.app_context():
        person = db.session.scalar(
            select(Person).where(Person.id_number == c.tables["CBF_JTCY"][0]["CYZJHM"])
        )
        person.name = "王𠮷"  # U+20BB7 is in GB 18030, not in GBK
        db.session.commit()
        db.session.remove()
    result = cli.invoke(args=["exchange", "export", "--county", "410122", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert (
        "EX-12" in result.output and c.tables["CBF"][0]["CBFBM"] in result.output and "王𠮷" in result.output
    )
    assert not list((tmp_path / "out").rglob("*.shp"))
