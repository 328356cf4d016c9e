"""Share redemption is a voluntary paid exit through registry/exits: UR-02 guard, UR-04 flag, and approval
cancels the shares with register entries."""

from datetime import timedelta

import pytest

from registry.auth.actor import Actor
from registry.errors import Conflict, InvalidInput, RuleViolation
from registry.exits.services import decide_exit, file_exit
from registry.people.models import Person
from registry.shares.models import ShareHolding, ShareRegisterEntry
from tests.factories import COUNTY, VILLAGE_A
from tests.factories_shares import build, make_member_households, quantified_village, record_urban_settlement
from registry import clock

CLERK = Actor(username="clerk", role="clerk", scope=VILLAGE_A)
REVIEWER = Actor(username="reviewer", role="reviewer", scope=COUNTY)


def _file(session, ref, holder, **over):
    kw = {
        "right": "shares",
        "ref": ref,
        "holder_id_number": holder,
        "compensation_fen": 120_000,
        "statement_ref": "本人书面申请 2026-07",
        "reason": "自愿退出，由集体赎回",
        **over,
    }
    return file_exit(session, CLERK, **kw)


def _held(session):
    held = {}
    for h in session.query(ShareHolding):
        held[h.household_code] = held.get(h.household_code, 0) + h.shares
    return held


def test_an_approved_redemption_cancels_the_households_shares_ur_04(app, api, session):
    (code, people), (other, _) = quantified_village(app, api, [2, 1])
    ex = _file(session, code, people[0])
    assert ex.status == "pending_review" and ex.linkage_flag is False
    assert _held(session) == {code: 20, other: 10}  # nothing moves before the decision
    decide_exit(session, REVIEWER, ex.id, "approve", "符合自愿有偿", None)
    session.commit()
    assert _held(session) == {other: 10}
    entries = (
        session.query(ShareRegisterEntry)
        .filter(ShareRegisterEntry.household_code == code, ShareRegisterEntry.delta < 0)
        .all()
    )
    assert sorted(e.delta for e in entries) == [-10, -10] and {e.change.kind for e in entries} == {
        "redemption"
    }
    assert entries[0].change.details["exit_id"] == ex.id


def test_a_rejected_redemption_leaves_the_shares(app, api, session):
    ((code, people),) = quantified_village(app, api, [1])
    ex = _file(session, code, people[0])
    decide_exit(session, REVIEWER, ex.id, "reject", "材料不全", None)
    session.commit()
    assert _held(session) == {code: 10}


def test_a_redemption_conditioned_on_urban_settlement_is_refused_ur_02(app, api, session):
    ((code, people),) = quantified_village(app, api, [1])
    with pytest.raises(RuleViolation) as e:
        _file(session, code, people[0], reason="进城落户，退出股份")
    assert e.value.rule == "UR-02"


def test_a_redemption_soon_after_an_urban_settlement_is_flagged_and_needs_the_attestation_ur_04(
    app, api, session
):
    ((code, people),) = quantified_village(app, api, [2])
    person = session.query(Person).filter_by(id_number=people[1]).one()
    record_urban_settlement(session, person, code, clock.today() - timedelta(days=30))
    ex = _file(session, code, people[0])
    session.commit()
    assert ex.linkage_flag is True
    with pytest.raises(RuleViolation) as e:
        decide_exit(session, REVIEWER, ex.id, "approve", "", None)
    assert e.value.rule == "UR-04"
    session.rollback()
    decide_exit(session, REVIEWER, ex.id, "approve", "本人自愿，与落户无关", True)
    session.commit()
    assert _held(session) == {}


def test_a_person_ref_redeems_only_that_persons_part(app, api, session):
    ((code, people),) = quantified_village(app, api, [2])
    ex = _file(session, "P" + people[1], people[1])
    decide_exit(session, REVIEWER, ex.id, "approve", "", None)
    session.commit()
    assert _held(session) == {code: 10}


def test_shares_under_a_pending_redemption_do_not_move(app, api, session):
    households = quantified_village(app, api, [1] * 40)
    (a, a_people), (b, _) = households[:2]
    _file(session, a, a_people[0])
    session.commit()
    r = api.post(
        f"/api/v1/collectives/{VILLAGE_A}/share-transfers",
        {"from_household_code": a, "to_household_code": b, "shares": 1},
    )
    assert r.status_code == 409 and r.get_json()["rule"] == "SH-02"
    assert "*" in r.get_json()["detail"] or a in r.get_json()["detail"]


def test_unknown_refs_and_strangers_are_refused(app, api, session):
    ((code, people),) = quantified_village(app, api, [1])
    with pytest.raises(InvalidInput):
        _file(session, "X123", people[0])
    stranger = build(app, lambda s: make_member_households(s, VILLAGE_A, [1])[0][1][0].id_number)
    with pytest.raises(InvalidInput):
        _file(session, code, stranger)
    _file(session, code, people[0])
    with pytest.raises(Conflict):
        _file(session, code, people[0])
