"""UR-01 as a property: a random history of registrations (members, contracts, homesteads, shares), transfers,
distributions and urban settlements leaves every right exactly as the same history without the settlements
would.

Two databases live the same history side by side: `with_settlement` gets every step, `without` every step but
the urban settlements. After each step their rights state must be identical, row for row (ids and codes too,
since both histories allocate them in the same order), and every step must have had the same outcome in both,
refusals included. Only the bookkeeping that a recorded event writes by design differs: the event itself and
its audit entry. Timestamps of writing and random verification codes are left out of the comparison.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import DateTime, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from registry.auth.actor import SYSTEM, Actor
from registry.collectives.models import Collective
from registry.contracts.models import ContractParcel, LandContract
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from registry.contracts.transfers import transfer_parcels
from registry.db import db
from registry.errors import RegistryError
from registry.homesteads.applications import approve_application, file_application
from registry.homesteads.models import HomesteadCap
from registry.membership.services import adopt_resolution, submit_application
from registry.people.services import create_household, register_person
from registry.settlement.hukou import record_hukou_event
from registry.shares.services import (
    ShareSettings,
    adopt_share_plan,
    approve_distribution,
    create_distribution,
    transfer_shares,
)
from tests.factories import COUNTY, VILLAGE_A, make_id_number, make_parcel, square
from tests.factories_homesteads import plot, seeded_caps
from registry import clock

BOOKKEEPING = {
    "audit_log",
    "audit_head",
    "audit_chains",
    "audit_chains_anchor",
    "hukou_events",
    "users",
    "api_tokens",
}
POLICE = Actor("police", "police", COUNTY)
# A charter without the 3 % cap: in a village of a few households every transfer would break it, and the
# property is about what settlement does to the shares, whatever the charter says.
SHARES = ShareSettings(cap_percent=Fraction(100))
START = date(2020, 1, 1)


def _skipped_columns(table) -> list[str]:
    """The moment of writing and codes drawn at random: they differ by design, not by any right."""
    return [
        c.name
        for c in table.columns
        if isinstance(c.type, DateTime) or "verification" in c.name or c.name.endswith("_hash")
    ]


def _state_query():
    parts = []
    for table in db.metadata.sorted_tables:
        if table.name in BOOKKEEPING:
            continue
        skipped = ", ".join(f"'{c}'" for c in _skipped_columns(table)) or "''"
        parts.append(
            f"""SELECT '{table.name}' AS t, (to_jsonb(x) - ARRAY[{skipped}])::text AS r FROM "{table.name}"
                    x"""
        )
    return text(" UNION ALL ".join(parts) + " ORDER BY t, r")


def rights_state(session) -> dict[str, list[str]]:
    """Every row of every table but the bookkeeping, read in one round trip."""
    state: dict[str, list[str]] = {}
    for table, row in session.execute(_state_query()):
        state.setdefault(table, []).append(row)
    return state


def _empty(session) -> None:
    """Delete every row and restart the ids; DELETE on these few rows is much faster than TRUNCATE."""
    session.execute(text("SET session_replication_role = replica"))  # lets the append-only tables be emptied
    for table in db.metadata.sorted_tables:
        if table.name != "audit_head":
            session.execute(table.delete())
    for seq in session.scalars(text("SELECT sequence_name FROM information_schema.sequences")):
        session.execute(text(f'ALTER SEQUENCE "{seq}" RESTART'))
    session.execute(text("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)"))
    session.execute(text("SET session_replication_role = origin"))
    session.commit()


@pytest.fixture(scope="module")
def engines(app, database_url):
    """The test database and a copy of its migrated schema, made from it as a template."""
    url = make_url(database_url)
    shadow_name = f"{url.database}_without_settlement"
    with app.app_context():
        main = db.engine
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{shadow_name}"'))
        for attempt in range(50):
            main.dispose()  # CREATE DATABASE … TEMPLATE needs the template without connections
            if (
                attempt >= 10
            ):  # a server of another test file (its pool re-connects by itself) still holds one
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :db AND pid <> pg_backend_pid()"
                    ),
                    {"db": url.database},
                )
            try:
                conn.execute(text(f'CREATE DATABASE "{shadow_name}" TEMPLATE "{url.database}"'))
                break
            except OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
    shadow = create_engine(url.set(database=shadow_name))
    yield main, shadow
    shadow.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{shadow_name}"'))
    admin.dispose()


def _assembly(session, subject: str, decisions=(), meeting: date | None = None):
    """An assembly resolution of the whole roster meeting every art. 27 threshold (MEM-02)."""
    total = max(session.scalar(text("SELECT count(*) FROM memberships WHERE status = 'active'")), 1)
    meeting = meeting or clock.today() - timedelta(days=1)
    return adopt_resolution(
        session,
        SYSTEM,
        VILLAGE_A,
        {
            "body": "assembly",
            "subject": subject,
            "notice_date": meeting - timedelta(days=12),
            "meeting_date": meeting,
            "members_total": total,
            "members_with_capacity": total,
            "attended": total,
            "votes_for": total,
            "decisions": list(decisions),
        },
    )


class SettlementChangesNoRight(RuleBasedStateMachine):
    engines: tuple = ()

    def __init__(self):
        super().__init__()
        self.worlds = {
            "with_settlement": Session(bind=self.engines[0]),
            "without": Session(bind=self.engines[1]),
        }
        self.households: list[str] = []
        self.people: list[str] = []
        self.plots = 0
        self.quantified = False
        self.year = 2000

    def _both(self, op, *, settlement: bool = False):
        """Run op(session) in each world that lives this step; both must end the same way.

        Returns what op returned in the first world, or None when the step was refused."""
        outcomes, results = {}, {}
        for name, session in self.worlds.items():
            if settlement and name == "without":
                continue
            try:
                results[name] = op(session)
                session.commit()
                outcomes[name] = "done"
            except RegistryError as e:
                session.rollback()
                outcomes[name] = f"refused {e.rule or type(e).__name__}"
        event(f"{op.__qualname__.split('.')[1]}: {outcomes['with_settlement']}")
        if not settlement:
            assert outcomes["with_settlement"] == outcomes["without"], outcomes
            assert results.get("with_settlement") == results.get("without")
        return results.get("with_settlement")

    @initialize(sizes=st.lists(st.integers(1, 3), min_size=2, max_size=2))
    def county(self, sizes):
        """A village with two member households to begin with."""
        for session in self.worlds.values():
            _empty(session)
            session.add(
                Collective(code=VILLAGE_A, name="东村股份经济合作社", level="village", county_code=COUNTY)
            )
            session.add_all(
                HomesteadCap(
                    province_code=province,
                    terrain=terrain,
                    land=land,
                    cap_m2=cap,
                    source=source,
                    updated_by="test",
                )
                for province, terrain, land, cap, source in seeded_caps()
            )
            session.commit()
        for size in sizes:
            self.register_household(size)

    @precondition(lambda self: len(self.households) < 4)
    @rule(size=st.integers(1, 3))
    def register_household(self, size):
        """Persons, a household, and an assembly resolution confirming them as members (MEM-02)."""
        numbers = [make_id_number(sex=str(1 + i % 2)) for i in range(size)]

        def op(session):
            for n in numbers:
                register_person(session, SYSTEM, n, "村民")
            household = create_household(
                session,
                SYSTEM,
                VILLAGE_A,
                numbers[0],
                [{"id_number": n, "relation": "20"} for n in numbers[1:]],
            )
            applications = [submit_application(session, SYSTEM, VILLAGE_A, n, "original") for n in numbers]
            _assembly(
                session, "membership", [{"application_id": a.id, "decision": "confirm"} for a in applications]
            )
            return household.code

        household = self._both(op)
        if household is not None:
            self.households.append(household)
            self.people += numbers

    @precondition(lambda self: self.households)
    @rule(pick=st.integers(0, 10_000), n_parcels=st.integers(1, 3))
    def register_contract(self, pick, n_parcels):
        household = self.households[pick % len(self.households)]
        first = self.plots
        self.plots += n_parcels

        def op(session):
            codes = [
                make_parcel(session, VILLAGE_A, square(0.001 * (first + i), 0.0)).code
                for i in range(n_parcels)
            ]
            register_contract(
                session,
                SYSTEM,
                household_code=household,
                method="110",
                land_type="arable",
                start_date=START,
                end_date=last_day(START, 30),
                parcel_codes=codes,
            )

        self._both(op)

    @precondition(lambda self: len(self.households) >= 2)
    @rule(pick=st.integers(0, 10_000), to=st.integers(0, 10_000))
    def transfer_a_parcel(self, pick, to):
        """LC-07: one parcel of an active contract to another household of the collective."""
        held = (
            self.worlds["with_settlement"]
            .execute(
                select(LandContract.code, ContractParcel.parcel_id)
                .join(ContractParcel, ContractParcel.contract_id == LandContract.id)
                .where(ContractParcel.valid_to.is_(None))
                .order_by(LandContract.code, ContractParcel.parcel_id)
            )
            .all()
        )
        if not held:
            return
        contract, parcel_id = held[pick % len(held)]
        target = self.households[to % len(self.households)]

        def op(session):
            parcel_code = session.scalar(text("SELECT code FROM parcels WHERE id = :id"), {"id": parcel_id})
            transfer_parcels(
                session,
                SYSTEM,
                contract,
                to_household_code=target,
                parcel_codes=[parcel_code],
                issuer_consent=True,
                document_ref="转让合同 1 号",
                on=None,
            )

        self._both(op)

    @precondition(lambda self: self.households)
    @rule(pick=st.integers(0, 10_000))
    def register_homestead(self, pick):
        """HS-01..04: an application after a publicity held on paper, approved by the county."""
        household = self.households[pick % len(self.households)]
        self.plots += 1
        data = {
            "household_code": household,
            "geometry": plot(100, x=self.plots, y=10),
            "terrain": "plain",
            "on_arable_land": False,
            "publicity_start": clock.today() - timedelta(days=8),
            "publicity_evidence_ref": "公示照片 2 张",
        }

        def op(session):
            application = file_application(session, SYSTEM, data, publicity_days=7)
            right, _ = approve_application(session, SYSTEM, application.id)
            return right.unit_code

        self._both(op)

    @precondition(lambda self: self.households and not self.quantified)
    @rule(per_member=st.integers(1, 20))
    def quantify_shares(self, per_member):
        """SH-01: the assembly quantifies shares to every member, recorded under their households."""

        def op(session):
            plan, _ = adopt_share_plan(
                session, SYSTEM, VILLAGE_A, _assembly(session, "share_plan").id, per_member, "static", SHARES
            )
            return plan.id

        self.quantified = self._both(op) is not None

    @precondition(lambda self: self.quantified and len(self.households) >= 2)
    @rule(giver=st.integers(0, 10_000), taker=st.integers(0, 10_000), shares=st.integers(1, 5))
    def transfer_shares(self, giver, taker, shares):
        """SH-02: shares from one member household of the collective to another."""
        n = len(self.households)
        data = {
            "from_household_code": self.households[giver % n],
            "to_household_code": self.households[(giver + 1 + taker % (n - 1)) % n],
            "shares": shares,
        }
        self._both(lambda session: transfer_shares(session, SYSTEM, VILLAGE_A, data, SHARES).id)

    @precondition(lambda self: self.quantified)
    @rule(net_income_fen=st.integers(1, 10**9), approve=st.booleans())
    def distribute(self, net_income_fen, approve):
        """SH-04/SH-05: a year's distribution, inspected on paper 11 days ago and approved when asked."""
        self.year += 1
        data = {
            "year": self.year,
            "net_income_fen": net_income_fen,
            "reserve_ratio": Decimal("0.3"),
            "inspection_start": clock.today() - timedelta(days=11),
            "inspection_evidence_ref": "公示照片 3 张",
        }

        def op(session):
            d = create_distribution(session, SYSTEM, VILLAGE_A, data, SHARES)
            if approve:
                approve_distribution(session, SYSTEM, d["id"], _assembly(session, "distribution").id, SHARES)
            return d["id"]

        self._both(op)

    @precondition(lambda self: self.people)
    @rule(picks=st.lists(st.integers(0, 10_000), min_size=1, max_size=3), days_ago=st.integers(0, 400))
    def urban_settlement(self, picks, days_ago):
        """One to three villagers settle in town; only the first world hears of it."""
        for pick in picks:
            number = self.people[pick % len(self.people)]
            event_id = self._both(
                lambda s, n=number: (
                    record_hukou_event(
                        s, POLICE, n, "urban_settlement", clock.today() - timedelta(days=days_ago)
                    ).id
                ),
                settlement=True,
            )
            assert event_id is not None  # never refused, whatever the rights (UR-03)

    @invariant()
    def rights_are_those_of_the_history_without_settlements(self):
        with_settlement, without = (rights_state(s) for s in self.worlds.values())
        assert with_settlement == without, {k for k in with_settlement if with_settlement[k] != without[k]}

    def teardown(self):
        for session in self.worlds.values():
            session.rollback()
            session.close()


def test_urban_settlement_never_changes_a_right_ur_01(engines):
    SettlementChangesNoRight.engines = engines
    run_state_machine_as_test(
        SettlementChangesNoRight,
        settings=settings(
            max_examples=8,
            stateful_step_count=12,
            deadline=None,
            print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
