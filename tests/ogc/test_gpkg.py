"""The GeoPackage round trip: export over HTTP (f=gpkg) and by `flask parcels export --gpkg`, import by
`flask parcels import FILE.gpkg` — new parcels registered (PAR-01..03), an edited boundary its own audited
change
(RG-01), a conflicting edit refused with nothing written (PAR-02)."""

from __future__ import annotations

import numpy as np
import pyogrio
import shapely
from sqlalchemy import text

from registry.db import db
from tests.factories import ORIGIN, VILLAGE_A, VILLAGE_B

from .conftest import GRID, basic


def _read(path):
    meta, _, wkb, fields = pyogrio.raw.read(path)
    names = list(meta["fields"])
    return (
        meta,
        {c: g for c, g in zip(fields[names.index("code")], shapely.from_wkb(wkb), strict=True)},
        fields,
    )


def test_items_as_geopackage_for_one_collective(client, parcel_world, tmp_path):
    r = client.get(
        f"/ogc/collections/parcels/items?f=gpkg&collective_code={VILLAGE_A}", headers=basic("clerk")
    )
    assert r.status_code == 200 and r.mimetype == "application/geopackage+sqlite3"
    assert r.headers["Content-Crs"] == "<http://www.opengis.net/def/crs/EPSG/0/4490>"
    out = tmp_path / "a.gpkg"
    out.write_bytes(r.data)
    meta, by_code, _ = _read(out)
    assert meta["crs"] == "EPSG:4490" and set(by_code) == set(parcel_world.codes[VILLAGE_A])
    code = parcel_world.codes[VILLAGE_A][0]
    assert by_code[code].bounds[:2] == parcel_world.origins[code]
    # SEC-01: another village's clerk cannot export it; without collective_code it is a 400
    assert (
        client.get(
            f"/ogc/collections/parcels/items?f=gpkg&collective_code={VILLAGE_A}", headers=basic("clerk_b")
        ).status_code
        == 403
    )
    assert client.get("/ogc/collections/parcels/items?f=gpkg", headers=basic("clerk")).status_code == 400


def _export(app, path):
    runner = app.test_cli_runner()
    done = runner.invoke(args=["parcels", "export", "--gpkg", str(path), "--collective", VILLAGE_B])
    assert done.exit_code == 0, done.output
    assert f"exported {GRID * GRID} parcels" in done.output


def _edit(path, out, code, new_geom, extra=None):
    meta, _, wkb, fields = pyogrio.raw.read(path)
    names = list(meta["fields"])
    geoms = list(shapely.from_wkb(wkb))
    geoms[list(fields[names.index("code")]).index(code)] = new_geom
    if extra is not None:
        geoms.append(extra)
        fields = [
            np.append(col, [None])
            if col.dtype == object
            else np.append(col, [False] if col.dtype == bool else [0.0])
            for col in fields
        ]
        fields[names.index("collective_code")][-1] = VILLAGE_B
        fields[names.index("category")][-1] = "10"
    wkb = np.array(
        [shapely.to_wkb(shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g) for g in geoms],
        dtype=object,
    )
    pyogrio.raw.write(
        out, wkb, fields, names, layer="parcels", driver="GPKG", geometry_type="MultiPolygon", crs="EPSG:4490"
    )


def _audit(app, action):
    with app.app_context():
        return (
            db.session.execute(text("SELECT entity_id FROM audit_log WHERE action = :a"), {"a": action})
            .scalars()
            .all()
        )


def test_import_registers_new_parcels_and_changes_edited_boundaries(app, parcel_world, tmp_path):
    """RG-01: the edited code keeps its code, gets the new shape and area, and its change is audited."""
    src, edited = tmp_path / "b.gpkg", tmp_path / "b-edited.gpkg"
    _export(app, src)
    code = parcel_world.codes[VILLAGE_B][0]
    x, y = parcel_world.origins[code]
    bigger = shapely.box(x, y, x + 0.0008, y + 0.0005)  # grows east into the gap (squares are 0.001 apart)
    new = shapely.box(ORIGIN[0] + 0.03, ORIGIN[1], ORIGIN[0] + 0.0305, ORIGIN[1] + 0.0005)
    _edit(src, edited, code, bigger, extra=new)
    done = app.test_cli_runner().invoke(args=["parcels", "import", str(edited)])
    assert done.exit_code == 0, done.output
    assert (
        "registered 1 new parcels, changed 1 boundaries" in done.output
        and f"{GRID * GRID - 1} unchanged" in done.output
    )
    with app.app_context():
        (area,) = db.session.execute(text("SELECT area_m2 FROM parcels WHERE code = :c"), {"c": code}).one()
        count = db.session.execute(
            text("SELECT count(*) FROM parcels WHERE collective_code = :c"), {"c": VILLAGE_B}
        ).scalar()
    assert 4000 < float(area) < 4100 and count == GRID * GRID + 1  # 0.0008 x 0.0005 degrees at 34.7N
    assert _audit(app, "parcel.change_geometry") == [code]
    assert len(_audit(app, "parcel.bulk_register")) == 1


def test_an_overlapping_edit_is_refused_and_nothing_is_written(app, parcel_world, tmp_path):
    """PAR-02, all or nothing: one edit onto the neighbour refuses the whole file, the new parcel too."""
    src, edited = tmp_path / "b.gpkg", tmp_path / "b-bad.gpkg"
    _export(app, src)
    code = parcel_world.codes[VILLAGE_B][0]
    x, y = parcel_world.origins[code]
    onto_neighbour = shapely.box(x, y, x + 0.0005, y + 0.0012)  # reaches the square north of it
    new = shapely.box(ORIGIN[0] + 0.03, ORIGIN[1], ORIGIN[0] + 0.0305, ORIGIN[1] + 0.0005)
    _edit(src, edited, code, onto_neighbour, extra=new)
    done = app.test_cli_runner().invoke(args=["parcels", "import", str(edited)])
    assert done.exit_code == 1 and "PAR-02" in done.output
    with app.app_context():
        count = db.session.execute(
            text("SELECT count(*) FROM parcels WHERE collective_code = :c"), {"c": VILLAGE_B}
        ).scalar()
    assert count == GRID * GRID and _audit(app, "parcel.change_geometry") == []
