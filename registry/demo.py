"""Loads the demo county from fixtures/demo (idempotent: what exists already is left as it is).

Each area adds a step to DEMO_STEPS; a step takes (session, data) and returns a summary line.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from .auth.actor import SYSTEM
from .auth.models import User
from .auth.services import create_user
from .certificates.demo import demo_certificates
from .collectives.models import Collective
from .collectives.services import create_collective
from .contracts.demo import demo_contracts
from .homesteads.demo import demo_homesteads
from .membership.demo import demo_membership
from .parcels.demo import demo_parcels
from .people.models import HouseholdMember, Person
from .people.services import create_household, register_person
from .settlement.demo import demo_settlement
from .shares.demo import demo_shares

FIXTURES = Path(__file__).parent / "fixtures" / "demo" / "county.json"  # registry/fixtures → ../fixtures


def _collectives(session, data) -> str:
    made = 0
    for c in data["collectives"]:
        if session.get(Collective, c["code"]) is None:
            create_collective(session, SYSTEM, c["code"], c["name"], c["level"])
            made += 1
    return f"collectives: {made} new, {len(data['collectives'])} in the demo"


def _households(session, data) -> str:
    made = 0
    for h in data["households"]:
        for m in h["members"]:
            if session.scalar(select(Person.id).where(Person.id_number == m["id_number"])) is None:
                register_person(session, SYSTEM, m["id_number"], m["name"])
        head = h["members"][0]["id_number"]
        in_household = session.scalar(
            select(HouseholdMember.id)
            .join(Person)
            .where(Person.id_number == head, HouseholdMember.left_on.is_(None))
        )
        if in_household is None:
            create_household(
                session,
                SYSTEM,
                h["collective_code"],
                head,
                [{"id_number": m["id_number"], "relation": m["relation"]} for m in h["members"][1:]],
            )
            made += 1
    return f"households: {made} new, {len(data['households'])} in the demo"


def _users(session, data) -> str:
    made = 0
    for u in data["users"]:
        if session.scalar(select(User.id).where(User.username == u["username"])) is None:
            create_user(session, u["username"], u["password"], u["role"], u["scope"])
            made += 1
    return f"users: {made} new"


# demo_homesteads stays after the membership and parcels steps: it needs confirmed members (HS-03).
DEMO_STEPS = [
    _collectives,
    _households,
    _users,
    demo_parcels,
    demo_membership,
    demo_contracts,
    demo_homesteads,
    demo_settlement,
    demo_shares,
    demo_certificates,
]


def load_demo(session, path: Path = FIXTURES) -> list[str]:
    data = json.loads(path.read_text())
    lines = []
    for step in DEMO_STEPS:
        lines.append(step(session, data))
        session.flush()
    return lines


def demo_logins(path: Path = FIXTURES) -> list[dict]:
    return json.loads(path.read_text())["users"]


def demo_wanted(environ) -> bool:
    """The demo county and its published logins belong only in the embedded local cluster (no DATABASE_URL),
    or wherever DEMO=1 asks for them explicitly."""
    return not environ.get("DATABASE_URL") or environ.get("DEMO") == "1"


FIRST_ADMIN_HINT = (
    "No demo data loaded (DATABASE_URL is set; DEMO=1 would load it). Create the first "
    "administrator:\n  .venv/bin/flask --app wsgi users create NAME --role admin"
)
