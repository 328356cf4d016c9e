"""PAR-04: a parcel lies in its collective's county — its Gauss-Krüger zone and province always, the county
boundary once an administrator loaded one (the CLI, like the basic-farmland layer); none is invented."""

from __future__ import annotations

import json

from shapely.geometry import box, mapping

from registry.db import db
from tests.factories import ORIGIN, VILLAGE_A
from tests.factories_parcels import square_feature

URL = "/api/v1/parcels"
BEIJING = (116.40 - ORIGIN[0], 39.90 - ORIGIN[1])  # square_feature takes offsets from ORIGIN (中牟县)


def _post(api, dx, dy):
    return api.post(URL, square_feature(dx, dy, VILLAGE_A), as_="clerk")


def test_a_parcel_in_beijing_for_a_zhongmou_village_is_refused_par_04(api):
    r = _post(api, *BEIJING)
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-04", r.get_json()
    assert "geometry" in r.get_json()["errors"]
    r = _post(
        api, 114.2 - ORIGIN[0], 40.5 - ORIGIN[1]
    )  # the same Gauss-Krüger zone as 中牟县, but in Hebei, not Henan
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-04"
    assert _post(api, 0, 0).status_code == 201


def test_a_bulk_import_names_the_feature_outside_the_county_par_04(api):
    features = [square_feature(0, 0, VILLAGE_A), square_feature(*BEIJING, VILLAGE_A)]
    r = api.post(f"{URL}/bulk", {"type": "FeatureCollection", "features": features}, as_="admin")
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-04", r.get_json()
    assert list(r.get_json()["errors"]) == ["features.1"]
    r = api.post(f"{URL}/bulk", {"type": "FeatureCollection", "features": features[:1]}, as_="admin")
    assert r.status_code == 201, r.get_json()


def _boundary_file(tmp_path, west, south, east, north):
    path = tmp_path / "county.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {}, "geometry": mapping(box(west, south, east, north))}
                ],
            }
        )
    )
    return str(path)


def test_once_the_boundary_is_loaded_a_parcel_outside_it_is_refused_par_04(app, api, tmp_path):
    x, y = ORIGIN
    assert _post(api, 0.05, 0).status_code == 201  # no boundary loaded: the zone check alone
    runner = app.test_cli_runner()
    out = runner.invoke(
        args=[
            "parcels",
            "county-boundary",
            _boundary_file(tmp_path, x - 0.01, y - 0.01, x + 0.03, y + 0.03),
            "--county",
            "410122",
            "--source",
            "县界 2026 测绘成果",
        ]
    )
    assert out.exit_code == 0, out.output
    assert "410122" in out.output
    r = _post(api, 0.1, 0)
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-04"
    assert _post(api, 0.001, 0.001).status_code == 201  # inside the boundary
    with app.app_context():
        n = db.session.execute(db.text("SELECT count(*) FROM county_boundaries")).scalar()
        action = db.session.execute(
            db.text("SELECT action FROM audit_log WHERE action = 'county_boundary.load'")
        ).scalar()
    assert n == 1 and action == "county_boundary.load"
