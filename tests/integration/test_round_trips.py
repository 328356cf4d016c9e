"""Statements per request on the hot paths (issue 18): an upper bound pinned per request, so a lookup added to
token sign-in, a one-parcel registration or a police confirmation fails here. Bounds are what the path needs:
every rule and the audit entry stay in the request's one transaction."""

import pytest
from shapely.geometry import box
from sqlalchemy import text

from registry.auth.actor import SYSTEM
from registry.parcels.services import register_parcel

from bench.roundtrips import counted, first_words
from registry.db import db
from tests.factories import VILLAGE_A, committed
from tests.factories_parcels import feature, metre_box, polygon_geojson
from tests.factories_settlement import settled_family

# SEC-01 token → user → scope in one SELECT; the request's transaction adds no statement of its own
SIGN_IN_BY_TOKEN = 1
# token; overlap lock + PAR-04 boundary; PAR-02 + number + audit head; INSERT + 四至 + audit entry (was 6:
# the county boundary alone and the row loaded again after the commit)
REGISTER_ONE_PARCEL = 4
# token, station lock, the RS-01/RS-02 facts with number and audit head, INSERT + audit entry
POLICE_CONFIRMATION = 4
# token, the page with its total as GeoJSON built by PostgreSQL
PARCELS_BBOX_PAGE = 2


def _statements(app, call):
    with app.app_context():
        engine = db.engine
    with counted(engine) as seen:
        r = call()
    assert r.status_code < 300, r.get_json()
    return seen


def _report(name, seen, bound):
    print(f"\n{name}: {len(seen)} statements (bound {bound})\n{first_words(seen)}")
    assert len(seen) <= bound, f"{name} sends {len(seen)} statements, more than {bound}"


@pytest.fixture
def warm(api):
    for user in ("clerk", "police", "reviewer"):
        api.token(user)
    api.post(
        "/api/v1/parcels", feature(polygon_geojson(metre_box(0, 0, 20, 20)), VILLAGE_A)
    )  # first-use caches
    return api


def test_sign_in_by_token_is_one_statement_sec_01(app, warm):
    _report(
        "sign-in by token",
        _statements(app, lambda: warm.get(f"/api/v1/collectives/{VILLAGE_A}")),
        SIGN_IN_BY_TOKEN + 1,
    )  # + the collective read itself


def test_one_parcel_registration_statements_par_02(app, warm):
    body = feature(polygon_geojson(metre_box(40, 0, 20, 20)), VILLAGE_A)
    _report(
        "register one parcel",
        _statements(app, lambda: warm.post("/api/v1/parcels", body)),
        REGISTER_ONE_PARCEL,
    )


def test_one_police_confirmation_statements_rs_01(app, warm):
    number = committed(app, lambda s: settled_family(s, VILLAGE_A)[1][0].id_number)
    body = {"id_number": number, "collective_code": VILLAGE_A}
    _report(
        "police confirmation",
        _statements(app, lambda: warm.post("/api/v1/settlement-confirmations", body, as_="police")),
        POLICE_CONFIRMATION,
    )


def test_parcels_bbox_page_statements(app, warm):
    _report(
        "parcels bbox page",
        _statements(app, lambda: warm.get("/api/v1/parcels?bbox=113.0,34.0,115.0,36.0&per_page=500")),
        PARCELS_BBOX_PAGE,
    )


def test_registration_leaves_the_plan_setting_of_its_transaction_as_it_found_it_par_02(session):
    """The lock switches the PAR-02 check and the INSERT to generic plans; the INSERT restores the setting, so
        a
    caller's later statements in the same transaction plan as before."""
    from tests.factories import build_world

    build_world(session)
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    for i in range(8):  # past psycopg's prepare threshold, so the statements run prepared
        register_parcel(
            session,
            SYSTEM,
            box(113.9 + i * 0.001, 34.7, 113.9005 + i * 0.001, 34.7005),
            collective_code=VILLAGE_A,
        )
    assert session.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
