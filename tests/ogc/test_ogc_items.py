"""Items as SQL-built text: the properties are those of `GET /api/v1/parcels/{code}` (free text escaped), and
numberMatched (Part 1: optional) is given where it is cheap — a result within its first page, or a first page
whose capped count stays within MATCH_COUNT_CAP — and left out on later pages."""

from __future__ import annotations

from registry.ogc import features
from tests.factories import PASSWORD, VILLAGE_A, make_parcel, square

from .conftest import GRID, basic

ITEMS = "/ogc/collections/parcels/items"


def test_properties_are_the_apis_with_free_text_escaped(app, client, parcel_world):
    from registry.db import db

    with app.app_context():
        p = make_parcel(
            db.session, VILLAGE_A, square(0.1, 0.1), name='东"坡"\\地\n\t一号', basic_farmland=True
        )
        p.boundaries = {"east": "路", "south": '"沟"', "west": "—", "north": "河\\"}
        code = p.code
        db.session.commit()
        db.session.remove()
    token = client.post("/api/v1/auth/token", json={"username": "clerk", "password": PASSWORD}).get_json()[
        "token"
    ]
    api = client.get(f"/api/v1/parcels/{code}", headers={"Authorization": f"Bearer {token}"}).get_json()
    item = client.get(f"{ITEMS}/{code}", headers=basic("clerk")).get_json()
    page = client.get(f"{ITEMS}?bbox=114.0,34.8,114.001,34.801", headers=basic("clerk")).get_json()
    assert [f["id"] for f in page["features"]] == [code]
    for got in (item, page["features"][0]):
        assert got["id"] == code and got["geometry"]["type"] == "MultiPolygon"
        assert got["properties"] == api["properties"]
    assert item["properties"]["name"] == '东"坡"\\地\n\t一号' and item["properties"]["basic_farmland"] is True


def test_number_matched_on_a_first_page_and_never_later(client, parcel_world):
    """/ats/core/fc-numberMatched (the value is the count of matches), /ats/core/fc-numberReturned."""
    first = client.get(f"{ITEMS}?collective_code={VILLAGE_A}&limit=10", headers=basic("clerk")).get_json()
    assert first["numberMatched"] == GRID * GRID and first["numberReturned"] == 10
    after = next(link["href"] for link in first["links"] if link["rel"] == "next")
    second = client.get(after, headers=basic("clerk")).get_json()
    assert "numberMatched" not in second and second["numberReturned"] == 10
    whole = client.get(f"{ITEMS}?collective_code={VILLAGE_A}&limit=1000", headers=basic("clerk")).get_json()
    assert whole["numberMatched"] == whole["numberReturned"] == GRID * GRID
    empty = client.get(f"{ITEMS}?bbox=100,20,100.001,20.001", headers=basic("clerk")).get_json()
    assert empty["numberMatched"] == empty["numberReturned"] == 0


def test_number_matched_is_left_out_beyond_the_cap(client, parcel_world, monkeypatch):
    monkeypatch.setattr(features, "MATCH_COUNT_CAP", GRID * GRID - 1)
    first = client.get(f"{ITEMS}?collective_code={VILLAGE_A}&limit=10", headers=basic("clerk")).get_json()
    assert "numberMatched" not in first and first["numberReturned"] == 10
    whole = client.get(f"{ITEMS}?collective_code={VILLAGE_A}&limit=1000", headers=basic("clerk")).get_json()
    assert whole["numberMatched"] == GRID * GRID  # one complete page: known without counting
