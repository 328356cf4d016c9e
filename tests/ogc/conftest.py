"""The app served on 127.0.0.1 in a thread (werkzeug), so real GIS clients — GDAL's ogrinfo/ogr2ogr, pyogrio,
OWSLib — talk to it over HTTP; and a small world of parcels in two villages and another county."""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass, field

import pytest
from werkzeug.serving import make_server

from registry.db import db
from tests import factories
from tests.factories import GROUP_A1, OTHER_VILLAGE, PASSWORD, VILLAGE_A, VILLAGE_B, make_parcel, square

GRID = 6  # a GRID x GRID block of 50 m squares per village
STEP = 0.001  # degrees between squares (gaps between neighbours)


@pytest.fixture(scope="session")
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@dataclass
class ParcelWorld:
    world: object
    codes: dict = field(default_factory=dict)  # collective → [codes]
    origins: dict = field(default_factory=dict)  # code → (lon, lat) of the square's lower-left corner


def village_offset(collective: str) -> tuple[float, float]:
    return {VILLAGE_A: (0.0, 0.0), VILLAGE_B: (0.02, 0.0), OTHER_VILLAGE: (0.0, 0.02)}[collective]


@pytest.fixture
def parcel_world(app):
    with app.app_context():
        w = factories.build_world(db.session)
        pw = ParcelWorld(w)
        for collective in (VILLAGE_A, VILLAGE_B, OTHER_VILLAGE):
            ox, oy = village_offset(collective)
            for i in range(GRID):
                for j in range(GRID):
                    x, y = ox + i * STEP, oy + j * STEP
                    p = make_parcel(db.session, collective, square(x, y), name=f"地{i}-{j}")
                    pw.codes.setdefault(collective, []).append(p.code)
                    pw.origins[p.code] = (factories.ORIGIN[0] + x, factories.ORIGIN[1] + y)
        make_parcel(db.session, GROUP_A1, square(0.05, 0.05))  # another collective of the same county
        db.session.commit()
        db.session.remove()
    return pw


def basic(user: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()}


def gdal_env(user: str = "reviewer") -> dict:
    import os

    return {
        **os.environ,
        "GDAL_HTTP_AUTH": "BASIC",
        "GDAL_HTTP_USERPWD": f"{user}:{PASSWORD}",
        "GDAL_HTTP_UNSAFESSL": "NO",
        "CPL_VSIL_CURL_USE_HEAD": "NO",
        "GDAL_DISABLE_READDIR_ON_OPEN": "YES",
    }
