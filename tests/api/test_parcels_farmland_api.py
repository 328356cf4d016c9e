"""The basic-farmland layer: loaded by an admin from GeoJSON, replaced as a whole, queried by HS-06."""

import json

from registry.db import db
from registry.parcels.geometry import to_cgcs2000
from registry.parcels.services import on_basic_farmland
from tests.factories_parcels import bow_tie, metre_box, polygon_geojson


def layer(*rings, source="郑政文〔2025〕12号"):
    return {
        "type": "FeatureCollection",
        "source": source,
        "features": [
            {"type": "Feature", "id": f"JBNT-{k}", "geometry": polygon_geojson(r), "properties": {}}
            for k, r in enumerate(rings)
        ],
    }


def lies_on_farmland(app, ring) -> bool:
    with app.app_context():
        return on_basic_farmland(db.session, to_cgcs2000(polygon_geojson(ring), None))


def test_an_admin_loads_the_layer_and_hs_06_sees_it(api, app):
    assert not lies_on_farmland(app, metre_box(10, 10, 20, 20))  # no layer loaded: nothing is farmland
    r = api.post(
        "/api/v1/basic-farmland", layer(metre_box(0, 0, 100, 100), metre_box(50, 50, 100, 100)), as_="admin"
    )
    assert r.status_code == 201 and r.get_json()["areas"] == 2
    assert lies_on_farmland(app, metre_box(10, 10, 20, 20))  # inside: HS-06 refuses
    assert lies_on_farmland(app, metre_box(-10, -10, 20, 20))  # partly on it
    assert not lies_on_farmland(app, metre_box(-20, 0, 20, 20))  # touching its edge only: allowed
    assert not lies_on_farmland(app, metre_box(-20 + 0.0005, 0, 20, 10))  # 0.005 m²: within the tolerance
    listed = api.get("/api/v1/basic-farmland?bbox=113.8,34.6,114,34.8").get_json()
    assert listed["total"] == 2 and listed["features"][0]["properties"]["ref"] == "JBNT-0"


def test_a_new_load_replaces_the_layer(api, app):
    api.post("/api/v1/basic-farmland", layer(metre_box(0, 0, 100, 100)), as_="admin")
    r = api.post("/api/v1/basic-farmland", layer(metre_box(500, 0, 100, 100)), as_="admin")
    assert r.get_json()["replaced"] == 1
    assert not lies_on_farmland(app, metre_box(10, 10, 20, 20))
    assert lies_on_farmland(app, metre_box(510, 10, 20, 20))


def test_only_an_admin_loads_the_layer_and_bad_geometry_is_refused_par_01(api, app):
    assert (
        api.post("/api/v1/basic-farmland", layer(metre_box(0, 0, 100, 100)), as_="clerk").status_code == 403
    )
    bad = layer(metre_box(0, 0, 100, 100))
    bad["features"].append({"type": "Feature", "geometry": bow_tie(), "properties": {}})
    r = api.post("/api/v1/basic-farmland", bad, as_="admin")
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "PAR-01"
        and "features.1.geometry" in r.get_json()["errors"]
    )
    assert api.post("/api/v1/basic-farmland", {**layer(), "features": []}, as_="admin").status_code == 422
    assert not lies_on_farmland(app, metre_box(10, 10, 5, 5))


def test_the_farmland_command_loads_a_file(app, world, tmp_path):
    path = tmp_path / "jbnt.geojson"
    path.write_text(json.dumps(layer(metre_box(0, 0, 100, 100))), encoding="utf-8")
    out = app.test_cli_runner().invoke(args=["parcels", "farmland", str(path), "--source", "2025年划定成果"])
    assert out.exit_code == 0 and "1 polygons" in out.output
    assert lies_on_farmland(app, metre_box(10, 10, 5, 5))
