"""The demo step contracts two free parcels to every demo household with confirmed members, once."""

import json
from datetime import date

from sqlalchemy import func, select

from registry.contracts.demo import demo_contracts
from registry.contracts.models import ContractParcel, LandContract
from registry.contracts.register import state_on
from registry.demo import DEMO_STEPS, FIXTURES
from registry.people.models import Household
from registry.people.services import current_members


def _demo_up_to_contracts(session, data):
    """The demo steps in their order up to this area's (the later ones are other areas' concern)."""
    for step in DEMO_STEPS[: DEMO_STEPS.index(demo_contracts) + 1]:
        step(session, data)
        session.flush()


def test_the_demo_gives_each_household_a_second_round_contract_once(session):
    data = json.loads(FIXTURES.read_text())
    _demo_up_to_contracts(session, data)
    contracts = session.scalars(select(LandContract)).all()
    assert len(contracts) == len(data["households"])
    state = state_on(session, contracts[0], date(2020, 1, 1))
    assert state.status == "active" and len(state.parcels) == 2 and state.term_end == date(2027, 12, 31)
    members = current_members(session.get(Household, contracts[0].household_code))
    assert {h.id for h in state.holders} == {m.person_id for m in members} and members
    parcels = session.scalar(select(func.count(ContractParcel.id)))
    _demo_up_to_contracts(session, data)
    assert session.scalar(select(func.count(LandContract.id))) == len(contracts)
    assert session.scalar(select(func.count(ContractParcel.id))) == parcels
