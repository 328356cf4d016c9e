"""Factories that build the world for tests: collectives, users, persons with valid ID numbers, households,
memberships and parcels. They write through the models directly (fast), not through the rules under test."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from shapely.geometry import MultiPolygon, Polygon, box
from sqlalchemy import func, text

from registry.auth.services import create_user
from registry.codes import household_code, id_check_char, next_in_sequence, parcel_code
from registry.collectives.models import Collective
from registry.db import db
from registry.membership.models import Membership
from registry.parcels.models import Parcel
from registry.people.models import Household, HouseholdMember, Person

COUNTY = "410122"
OTHER_COUNTY = "410102"
TOWNSHIP = "41012210000000"
VILLAGE_A = "41012210000100"
VILLAGE_B = "41012210000200"
GROUP_A1 = "41012210000101"
OTHER_VILLAGE = "41010210000100"
PASSWORD = "secret-pass-1"

_seq = itertools.count(1)


def make_id_number(birth: date = date(1980, 5, 17), sex: str = "1", address: str = COUNTY) -> str:
    """A valid 公民身份号码 with a fresh sequence; odd sequence digit = male."""
    n = next(_seq)
    order = (n * 2 + (1 if sex == "1" else 0)) % 1000
    first17 = f"{address}{birth:%Y%m%d}{order:03d}"
    return first17 + id_check_char(first17)


@dataclass
class World:
    county: str = COUNTY
    township: str = TOWNSHIP
    village_a: str = VILLAGE_A
    village_b: str = VILLAGE_B
    group_a1: str = GROUP_A1
    other_village: str = OTHER_VILLAGE
    users: dict = field(default_factory=dict)  # role name → username


def build_world(session) -> World:
    w = World()
    for code, name, level in [
        (TOWNSHIP, "城关镇集体经济联合总社", "township"),
        (VILLAGE_A, "东村股份经济合作社", "village"),
        (VILLAGE_B, "西村股份经济合作社", "village"),
        (GROUP_A1, "东村第一村民小组", "group"),
        (OTHER_VILLAGE, "外县某村股份经济合作社", "village"),
    ]:
        session.add(Collective(code=code, name=name, level=level, county_code=code[:6]))
    for key, role, scope in [
        ("admin", "admin", None),
        ("clerk", "clerk", VILLAGE_A),
        ("clerk_b", "clerk", VILLAGE_B),
        ("reviewer", "reviewer", COUNTY),
        ("police", "police", COUNTY),
        ("reviewer_other", "reviewer", OTHER_COUNTY),
        ("police_other", "police", OTHER_COUNTY),
    ]:
        create_user(session, key, PASSWORD, role, scope)
        w.users[key] = key
    session.flush()
    return w


def make_person(session, name: str = "张三", sex: str = "1", birth: date = date(1980, 5, 17)) -> Person:
    number = make_id_number(birth, sex)
    p = Person(id_number=number, name=name, sex=sex, birth_date=birth)
    session.add(p)
    session.flush()
    return p


def make_household(
    session, collective_code: str, head: Person, others: list[tuple[Person, str]] = ()
) -> Household:
    seq = next_in_sequence(session, collective_code, "household")
    h = Household(
        code=household_code(collective_code, seq), collective_code=collective_code, head_person_id=head.id
    )
    session.add(h)
    session.flush()
    session.add(HouseholdMember(household_code=h.code, person_id=head.id, relation="02"))
    for person, relation in others:
        session.add(HouseholdMember(household_code=h.code, person_id=person.id, relation=relation))
    session.flush()
    session.refresh(h)
    return h


def make_member(session, person: Person, collective_code: str, since: date = date(2000, 1, 1)) -> Membership:
    m = Membership(person_id=person.id, collective_code=collective_code, status="active", since=since)
    session.add(m)
    session.flush()
    return m


def make_family(session, collective_code: str, members: bool = True):
    """A household of a husband (head), wife and daughter; all members of the collective when `members`."""
    head = make_person(session, "王建国", "1", date(1970, 3, 1))
    wife = make_person(session, "李秀英", "2", date(1972, 7, 9))
    daughter = make_person(session, "王小红", "2", date(1998, 1, 20))
    h = make_household(session, collective_code, head, [(wife, "10"), (daughter, "30")])
    if members:
        for p in (head, wife, daughter):
            make_member(session, p, collective_code)
    return h, [head, wife, daughter]


# Parcels: metre-sized squares near 113.9E 34.7N (中牟县). 1e-5 degree ≈ 0.91 m east-west, 1.11 m north-south.
ORIGIN = (113.90, 34.70)


def square(x0: float, y0: float, size: float = 0.0005) -> Polygon:
    return box(ORIGIN[0] + x0, ORIGIN[1] + y0, ORIGIN[0] + x0 + size, ORIGIN[1] + y0 + size)


def make_parcel(
    session,
    collective_code: str,
    polygon: Polygon,
    *,
    kind: str = "contract",
    basic_farmland: bool = False,
    name: str | None = None,
    code: str | None = None,
) -> Parcel:
    if code is None:
        code = parcel_code(collective_code, next_in_sequence(session, collective_code, "parcel"))
    geom = MultiPolygon([polygon]) if isinstance(polygon, Polygon) else polygon
    wkt = f"SRID=4490;{geom.wkt}"
    area = session.scalar(text("SELECT ST_Area(geography(ST_GeomFromEWKT(:w)))"), {"w": wkt})
    p = Parcel(
        code=code,
        collective_code=collective_code,
        kind=kind,
        category="10",
        land_class="0103",
        basic_farmland=basic_farmland,
        name=name,
        geom=func.ST_GeomFromEWKT(wkt),
        area_m2=round(area, 2),
    )
    session.add(p)
    session.flush()
    return p


class ApiClient:
    """The Flask test client with bearer tokens per role: api.post(url, json=..., as_="clerk")."""

    def __init__(self, client, world: World):
        self.client = client
        self.world = world
        self._tokens: dict[str, str] = {}

    def token(self, user: str) -> str:
        if user not in self._tokens:
            r = self.client.post("/api/v1/auth/token", json={"username": user, "password": PASSWORD})
            assert r.status_code == 200, r.get_json()
            self._tokens[user] = r.get_json()["token"]
        return self._tokens[user]

    def _headers(self, as_):
        return {"Authorization": f"Bearer {self.token(as_)}"} if as_ else {}

    def get(self, url, as_="clerk", **kw):
        return self.client.get(url, headers=self._headers(as_), **kw)

    def post(self, url, json=None, as_="clerk", **kw):
        return self.client.post(url, json=json, headers=self._headers(as_), **kw)

    def put(self, url, json=None, as_="clerk", **kw):
        return self.client.put(url, json=json, headers=self._headers(as_), **kw)

    def delete(self, url, as_="clerk", **kw):
        return self.client.delete(url, headers=self._headers(as_), **kw)


def committed(app, build, *args, **kw):
    """build(session, *args, **kw) in its own app context, committed, so the API and the web see it; build
    returns plain values (or objects read before the session is removed)."""
    with app.app_context():
        out = build(db.session, *args, **kw)
        db.session.commit()
        db.session.remove()
    return out
