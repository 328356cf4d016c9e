"""The OGC API – Features abstract tests this service claims (Part 1 core/geojson/oas30, Part 2 crs), run with
the Flask test client, and the scope of each role (SEC-01)."""

from __future__ import annotations

from tests.factories import PASSWORD, GROUP_A1, OTHER_VILLAGE, VILLAGE_A, VILLAGE_B

from .conftest import GRID, basic

ITEMS = "/ogc/collections/parcels/items"
EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


def _get(client, url, user="reviewer", **kw):
    return client.get(url, headers=basic(user) if user else {}, **kw)


def test_landing_page_and_conformance_are_public(client, parcel_world):
    """/ats/core/root-success, /ats/core/conf-success: no login needed; the links and classes are there."""
    r = _get(client, "/ogc", None)
    assert r.status_code == 200
    rels = {link["rel"]: link["type"] for link in r.get_json()["links"]}
    assert rels["service-desc"] == "application/vnd.oai.openapi+json;version=3.0"
    assert rels["conformance"] == rels["data"] == rels["self"] == "application/json"
    classes = _get(client, "/ogc/conformance", None).get_json()["conformsTo"]
    assert {c.rsplit("/", 1)[1] for c in classes} == {"core", "geojson", "oas30", "crs"}
    api = _get(client, "/ogc/api", None)
    assert api.status_code == 200 and api.mimetype == "application/vnd.oai.openapi+json"
    assert "/collections/parcels/items" in api.get_json()["paths"]


def test_collections_need_a_login(client, parcel_world):
    """SEC-01: /collections without credentials is 401 with a Basic challenge, which GIS clients answer."""
    r = _get(client, "/ogc/collections", None)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Basic")
    assert _get(client, "/ogc/collections", "reviewer").status_code == 200


BAD = [
    "foo=1",
    "limit=0",
    "limit=-3",
    "limit=ten",
    "bbox=1,2,3",
    "bbox=3,2,1,4",
    "bbox=a,b,c,d",
    "crs=EPSG:3857",
    "bbox-crs=http://x/y&bbox=1,2,3,4",
    "bbox-crs=" + CRS84,
    "collective_code=123",
    "after=%27;drop",
    "f=xml",
    "datetime=yesterday",
    "limit=5&limit=6",
]


def test_bad_parameters_are_400_not_422(client, parcel_world):
    """/ats/core/query-param-invalid and -unknown: 400 with an OGC exception body; good values pass."""
    for query in BAD:
        r = _get(client, f"{ITEMS}?{query}")
        assert r.status_code == 400, query
        assert r.get_json()["code"] == "InvalidParameterValue" and r.get_json()["description"]
    good = f"limit=5&bbox=113.8,34.6,114.0,34.8&bbox-crs={CRS84}&crs={EPSG4490}&datetime=2024-01-01/..&f=json"
    r = _get(client, f"{ITEMS}?{good}")
    assert r.status_code == 200 and r.get_json()["numberReturned"] == 5
    assert _get(client, "/ogc/collections?foo=1").status_code == 400


def test_limit_is_clamped_and_defaults_to_100(client, parcel_world):
    """/ats/core/fc-limit-response: a limit above the maximum is clamped, never refused."""
    r = _get(client, f"{ITEMS}?limit=100000", "admin")
    assert r.status_code == 200 and r.get_json()["numberReturned"] == 3 * GRID * GRID + 1
    r = _get(client, f"{ITEMS}?limit=7")
    assert r.get_json()["numberReturned"] == len(r.get_json()["features"]) == 7


def test_item_links_types_and_content_crs(client, parcel_world):
    """/ats/core/fc-links, /ats/geojson/content, Part 2 /ats/crs/fc-crs-header: every page names itself, its
    collection and the next page by type, and answers with Content-Crs."""
    r = _get(client, f"{ITEMS}?limit=5")
    assert r.mimetype == "application/geo+json" and r.headers["Content-Crs"] == f"<{CRS84}>"
    body = r.get_json()
    links = {link["rel"]: link for link in body["links"]}
    assert links["self"]["type"] == links["next"]["type"] == "application/geo+json"
    assert links["collection"]["type"] == "application/json"
    assert "after=" in links["next"]["href"] and "offset" not in links["next"]["href"]
    assert body["type"] == "FeatureCollection" and body["timeStamp"].endswith("Z")
    f = body["features"][0]
    assert (
        f["type"] == "Feature"
        and f["id"] == f["properties"]["code"]
        and f["geometry"]["type"] == "MultiPolygon"
    )
    r = _get(client, f"{ITEMS}/{f['id']}?crs={EPSG4490}")
    assert r.status_code == 200 and r.headers["Content-Crs"] == f"<{EPSG4490}>"
    assert {link["rel"] for link in r.get_json()["links"]} == {"self", "collection"}


def test_collection_lists_crs_and_storage_crs(client, parcel_world):
    """Part 2 /ats/crs/crs-list: the crs list holds CRS84, 4490, 4326 and the Gauss-Krüger zones."""
    c = _get(client, "/ogc/collections/parcels").get_json()
    assert c["storageCrs"] == EPSG4490
    assert {CRS84, EPSG4490, "http://www.opengis.net/def/crs/EPSG/0/4547"} <= set(c["crs"])
    assert c["extent"]["spatial"]["crs"] == CRS84 and len(c["extent"]["spatial"]["bbox"][0]) == 4
    assert _get(client, "/ogc/collections/nothing").status_code == 404


def test_gauss_kruger_output_follows_the_epsg_axis_order(client, parcel_world):
    """Axis order comes from the CRS definition (pyproj): EPSG:4547 declares X northing before Y easting."""
    code = parcel_world.codes[VILLAGE_A][0]
    r = _get(client, f"{ITEMS}/{code}?crs=http://www.opengis.net/def/crs/EPSG/0/4547")
    first, second = r.get_json()["geometry"]["coordinates"][0][0][0]
    assert 3_800_000 < first < 3_900_000 and 300_000 < second < 700_000  # 34.7N: northing; 113.9E: easting


def _codes(client, user, query=""):
    r = _get(client, f"{ITEMS}?limit=1000{query}", user)
    return r.status_code, {
        f["id"] for f in r.get_json().get("features", [])
    } if r.status_code == 200 else set()


def test_scope_per_role(client, parcel_world):
    """SEC-01: a clerk sees their collective, a reviewer their county, the admin all, police nothing (403)."""
    a, b, other = (set(parcel_world.codes[c]) for c in (VILLAGE_A, VILLAGE_B, OTHER_VILLAGE))
    assert _codes(client, "clerk") == (200, a)
    status, county = _codes(client, "reviewer")
    assert status == 200 and a | b < county and not county & other
    assert any(c.startswith(GROUP_A1) for c in county)
    assert _codes(client, "reviewer_other") == (200, other)
    assert _codes(client, "admin")[1] >= a | b | other
    assert _get(client, ITEMS, "police").status_code == 403
    assert _get(client, "/ogc/collections", "police").status_code == 403


def test_collective_code_filter_and_scope(client, parcel_world):
    """SEC-01: collective_code narrows within scope; outside it is 403, not an empty page."""
    assert _codes(client, "reviewer", f"&collective_code={VILLAGE_B}")[1] == set(
        parcel_world.codes[VILLAGE_B]
    )
    r = _get(client, f"{ITEMS}?collective_code={VILLAGE_B}", "clerk")
    assert r.status_code == 403 and r.get_json()["rule"] == "SEC-01"
    foreign = parcel_world.codes[OTHER_VILLAGE][0]
    assert _get(client, f"{ITEMS}/{foreign}", "reviewer").status_code == 403
    assert _get(client, f"{ITEMS}/{foreign}", "reviewer_other").status_code == 200
    assert _get(client, f"{ITEMS}/4101221000010099999", "reviewer").status_code == 404


def test_bearer_token_works_too(client, parcel_world):
    """SEC-01: the API's bearer token is accepted as well as Basic."""
    token = client.post("/api/v1/auth/token", json={"username": "clerk", "password": PASSWORD}).get_json()[
        "token"
    ]
    r = client.get(f"{ITEMS}?limit=3", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.get_json()["numberReturned"] == 3
    r = client.get(ITEMS, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401


def test_basic_farmland_and_homestead_plot_collections(app, client, parcel_world):
    """The layer collection pages by its integer id; homestead plots are their own (here empty) collection."""
    from registry.db import db
    from registry.parcels.models import BasicFarmlandArea
    from sqlalchemy import func

    with app.app_context():
        for i in range(3):
            db.session.add(
                BasicFarmlandArea(
                    ref=f"JB{i}",
                    source="豫政文〔2020〕1号",
                    loaded_by="admin",
                    area_m2=1,
                    geom=func.ST_GeomFromText(
                        f"MULTIPOLYGON((({113.9 + i} 34.7,{113.91 + i} 34.7,{113.91 + i} 34.71,"
                        f"{113.9 + i} 34.71,{113.9 + i} 34.7)))",
                        4490,
                    ),
                )
            )
        db.session.commit()
    r = _get(client, "/ogc/collections/basic-farmland/items?limit=2")
    body = r.get_json()
    assert r.status_code == 200 and [f["properties"]["ref"] for f in body["features"]] == ["JB0", "JB1"]
    nxt = next(link["href"] for link in body["links"] if link["rel"] == "next")
    rest = _get(client, nxt.replace("http://localhost", "")).get_json()
    assert [f["properties"]["ref"] for f in rest["features"]] == ["JB2"]
    assert not [link for link in rest["links"] if link["rel"] == "next"]
    assert (
        _get(client, "/ogc/collections/basic-farmland/items?collective_code=41012210000100").status_code
        == 400
    )
    homes = _get(client, "/ogc/collections/homestead-plots/items")
    assert homes.status_code == 200 and homes.get_json()["numberReturned"] == 0
