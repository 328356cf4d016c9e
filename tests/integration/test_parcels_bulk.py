"""Bulk registration: all or nothing, conflicts with the map and inside the batch, per-feature report; CLI."""

import json

import pytest
from sqlalchemy import func, select

from registry.db import db
from registry.errors import Conflict, InvalidInput
from registry.parcels.models import Parcel
from tests.factories import ORIGIN, VILLAGE_A, VILLAGE_B, square
from tests.factories_parcels import M_LAT, M_LON, bow_tie, feature, metre_box, polygon_geojson


def collection(*features, **extra):
    return {"type": "FeatureCollection", "features": list(features), **extra}


def box_feature(x, y, w=30, h=30, collective=VILLAGE_A, **props):
    return feature(polygon_geojson(metre_box(x, y, w, h)), collective, **props)


def count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Parcel))


def test_a_batch_is_registered_in_order_with_areas_and_boundaries(api, app):
    r = api.post(
        "/api/v1/parcels/bulk", collection(box_feature(0, 0), box_feature(30, 0), box_feature(60, 0))
    )
    body = r.get_json()
    assert r.status_code == 201, body
    assert body["codes"] == [f"{VILLAGE_A}0000{k}" for k in (1, 2, 3)]
    assert abs(body["area_m2"] - 2700) < 1
    middle = api.get(f"/api/v1/parcels/{body['codes'][1]}").get_json()["properties"]
    assert (
        middle["boundaries"]["west"] == body["codes"][0] and middle["boundaries"]["east"] == body["codes"][2]
    )
    assert abs(middle["area_m2"] - 900) < 0.5


def test_a_batch_next_to_the_map_updates_the_neighbours_boundaries(api, app):
    single = api.post("/api/v1/parcels", box_feature(0, 0)).get_json()["properties"]["code"]
    codes = api.post("/api/v1/parcels/bulk", collection(box_feature(30, 0))).get_json()["codes"]
    assert api.get(f"/api/v1/parcels/{single}").get_json()["properties"]["boundaries"]["east"] == codes[0]
    assert api.get(f"/api/v1/parcels/{codes[0]}").get_json()["properties"]["boundaries"]["west"] == single


def test_every_bad_feature_is_reported_and_nothing_is_registered_par_01_par_02(api, app):
    existing = api.post("/api/v1/parcels", box_feature(0, 0)).get_json()["properties"]["code"]
    r = api.post(
        "/api/v1/parcels/bulk",
        collection(
            box_feature(200, 0),  # 0 fine
            feature(bow_tie(), VILLAGE_A),  # 1 PAR-01
            box_feature(10, 10),  # 2 overlaps the map
            box_feature(300, 0),
            box_feature(310, 10),  # 3, 4 overlap each other
            box_feature(400, 0, category="77"),  # 5 bad attribute
            {"type": "Feature", "geometry": None, "properties": {}},  # 6 no collective, no geometry
        ),
    )
    body = r.get_json()
    assert r.status_code == 422 and body["rule"] == "PAR-01"
    errors = body["errors"]
    assert "Self-intersection" in errors["features.1.geometry"][0]
    assert errors["features.2"] == [f"PAR-02: overlaps current parcel {existing}"]
    assert errors["features.3"] == ["PAR-02: overlaps features.4 of this batch"]
    assert errors["features.4"] == ["PAR-02: overlaps features.3 of this batch"]
    assert "features.5.properties.category" in errors and "features.6.properties.collective_code" in errors
    assert not any(k.startswith("features.0") for k in errors)
    assert body["conflicts"] == [existing]
    assert count(app) == 1
    again = api.post("/api/v1/parcels/bulk", collection(box_feature(200, 0))).get_json()
    assert again["codes"] == [f"{VILLAGE_A}00002"]  # the refused batch reserved no codes


def test_a_batch_with_only_overlaps_is_a_409_par_02(api):
    existing = api.post("/api/v1/parcels", box_feature(0, 0)).get_json()["properties"]["code"]
    r = api.post("/api/v1/parcels/bulk", collection(box_feature(0, 0), box_feature(100, 0)))
    assert (
        r.status_code == 409 and r.get_json()["rule"] == "PAR-02" and r.get_json()["conflicts"] == [existing]
    )


def test_a_batch_within_the_tolerance_is_accepted_par_02(api):
    r = api.post(
        "/api/v1/parcels/bulk", collection(box_feature(0, 0, 10, 10), box_feature(10 - 0.0005, 0, 10, 10))
    )
    assert r.status_code == 201
    r = api.post(
        "/api/v1/parcels/bulk", collection(box_feature(100, 0, 10, 10), box_feature(110 - 0.005, 0, 10, 10))
    )
    assert r.status_code == 409


def test_a_batch_is_scoped_per_feature_sec_01(api):
    r = api.post(
        "/api/v1/parcels/bulk", collection(box_feature(0, 0), box_feature(100, 0, collective=VILLAGE_B))
    )
    assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01"
    r = api.post(
        "/api/v1/parcels/bulk",
        collection(box_feature(0, 0), box_feature(100, 0, collective=VILLAGE_B)),
        as_="reviewer",
    )
    assert r.status_code == 201


def test_the_import_command_registers_a_file_all_or_nothing(app, world, tmp_path):
    good = tmp_path / "good.geojson"
    good.write_text(json.dumps(collection(box_feature(0, 0), box_feature(30, 0), crs="EPSG:4490")))
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(collection(box_feature(500, 0), box_feature(0, 0))))
    runner = app.test_cli_runner()
    out = runner.invoke(args=["parcels", "import", str(good)])
    assert out.exit_code == 0 and "registered 2 parcels" in out.output
    out = runner.invoke(args=["parcels", "import", str(bad)])
    assert out.exit_code == 1 and "features.1" in out.output
    assert count(app) == 2


def test_explicit_homestead_codes_go_through_the_single_service(session, world):
    from registry.auth.actor import Actor
    from registry.parcels.services import register_parcel

    reviewer = Actor("reviewer", "reviewer", "410122")
    p = register_parcel(
        session,
        reviewer,
        square(0, 0),
        collective_code=VILLAGE_A,
        kind="homestead",
        land_class="0702",
        code="410122001002JC00007",
    )
    assert p.code == "410122001002JC00007" and p.kind == "homestead"
    with pytest.raises(Conflict) as taken:
        register_parcel(
            session,
            reviewer,
            square(0.01, 0),
            collective_code=VILLAGE_A,
            kind="homestead",
            code="410122001002JC00007",
        )
    assert taken.value.rule == "PER-03"
    for kind, code in (
        ("homestead", "410999001002JC00008"),
        ("contract", "4101221000020000001"),
        ("contract", "410122001002JC00009"),
    ):
        with pytest.raises(InvalidInput) as bad:
            register_parcel(
                session, reviewer, square(0.02, 0), collective_code=VILLAGE_A, kind=kind, code=code
            )
        assert bad.value.rule == "PER-03"


def _jittered_field(r: int, c: int, x0=0.0, size=25.0):
    """Field (r, c) of an irregular grid: vertices shared with the neighbours, moved by up to ±20 %."""

    def vertex(i, j):
        h = (i * 73856093) ^ (j * 19349663)
        x = x0 + (j + ((h % 1000) / 1000 - 0.5) * 0.4) * size
        y = (i + ((h // 1000 % 1000) / 1000 - 0.5) * 0.4) * size
        return [ORIGIN[0] + x * M_LON, ORIGIN[1] + y * M_LAT]

    ring = [vertex(r, c), vertex(r, c + 1), vertex(r + 1, c + 1), vertex(r + 1, c), vertex(r, c)]
    return feature(polygon_geojson(ring), VILLAGE_A)


def test_a_batchs_boundaries_are_those_the_single_registration_computes(api, app):
    """The 四至 a bulk batch stores (pairs in the batch by GEOS, pairs with the map by PostGIS) equal what
    `refresh_boundaries` computes in SQL afterwards, on an irregular grid next to registered parcels."""
    from registry.parcels.spatial import refresh_boundaries

    for c in range(12):  # a row already on the map, south of the batch
        assert api.post("/api/v1/parcels", _jittered_field(0, c)).status_code == 201
    batch = [_jittered_field(r, c) for r in range(1, 13) for c in range(12)]
    r = api.post("/api/v1/parcels/bulk", collection(*batch))
    assert r.status_code == 201, r.get_json()
    with app.app_context():
        ids = db.session.scalars(select(Parcel.id)).all()
        stored = dict(db.session.execute(select(Parcel.id, Parcel.boundaries)).all())
        assert sum(1 for b in stored.values() if list(b.values()).count("—") == 0) > 50  # interior fields
        assert refresh_boundaries(db.session, ids, with_neighbours=False) == {}
        db.session.rollback()
