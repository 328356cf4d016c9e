"""Transfers within the collective under the cap (SH-02) and inheritance, non-member heirs included
(SH-03)."""

import pytest
from sqlalchemy import text

from registry.people.models import Person
from tests.factories import VILLAGE_A, VILLAGE_B, make_household, make_person
from tests.factories_shares import build, end_by_death, make_member_households, quantified_village

TRANSFERS = f"/api/v1/collectives/{VILLAGE_A}/share-transfers"
INHERIT = f"/api/v1/collectives/{VILLAGE_A}/share-inheritances"


def _holdings(api):
    body = api.get(
        f"/api/v1/collectives/{VILLAGE_A}/share-holdings", query_string={"per_page": 500}
    ).get_json()
    return {(i["household_code"] or i["holder_id_number"]): i["shares"] for i in body["items"]}


@pytest.fixture
def forty(app, api):
    """40 one-person member households with 10 shares each: 400 shares, a 3 % cap of 12 per person."""
    return [code for code, _ in quantified_village(app, api, [1] * 40)]


def test_a_transfer_between_member_households_within_the_cap_is_allowed_sh_02(api, forty):
    a, b = forty[0], forty[1]
    r = api.post(
        TRANSFERS,
        {"from_household_code": a, "to_household_code": b, "shares": 2, "document_ref": "转让协议 2026-01"},
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["kind"] == "transfer"
    held = _holdings(api)
    assert (held[a], held[b], sum(held.values())) == (8, 12, 400)
    entries = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-register").get_json()["items"][-2:]
    assert [(e["household_code"], e["delta"], e["balance_after"]) for e in entries] == [
        (a, -2, 8),
        (b, 2, 12),
    ]


def test_a_transfer_that_lifts_a_person_above_the_cap_is_refused_sh_02(api, forty):
    r = api.post(TRANSFERS, {"from_household_code": forty[0], "to_household_code": forty[1], "shares": 3})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-02"
    assert "shares" in r.get_json()["errors"]
    assert _holdings(api)[forty[1]] == 10


def test_the_cap_is_charter_configuration_sh_02(app, api, forty, monkeypatch):
    monkeypatch.setitem(app.config, "SHARE_CAP_PERCENT", 5)  # 20 of 400
    assert (
        api.post(
            TRANSFERS, {"from_household_code": forty[0], "to_household_code": forty[1], "shares": 10}
        ).status_code
        == 201
    )
    monkeypatch.setitem(app.config, "SHARE_CAP_PERCENT", "2.5")  # 10 of 400
    r = api.post(TRANSFERS, {"from_household_code": forty[2], "to_household_code": forty[3], "shares": 1})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-02"


def test_shares_do_not_leave_the_collectives_member_households_sh_02(app, api, forty):
    def others(session):
        ((b_household, _),) = make_member_households(session, VILLAGE_B, [1])
        outsider = make_household(session, VILLAGE_A, make_person(session, "非成员户主"))
        return b_household.code, outsider.code

    other_village, non_member = build(app, others)
    for target in (other_village, non_member):
        r = api.post(TRANSFERS, {"from_household_code": forty[0], "to_household_code": target, "shares": 1})
        assert r.status_code == 422 and r.get_json()["rule"] == "SH-02", r.get_json()
        assert "to_household_code" in r.get_json()["errors"]
    r = api.post(TRANSFERS, {"from_household_code": non_member, "to_household_code": forty[0], "shares": 1})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-02"
    assert sum(_holdings(api).values()) == 400


def test_a_household_gives_only_what_it_holds_and_not_to_itself_sh_02(api, forty):
    r = api.post(TRANSFERS, {"from_household_code": forty[0], "to_household_code": forty[1], "shares": 11})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-02"
    r = api.post(TRANSFERS, {"from_household_code": forty[0], "to_household_code": forty[0], "shares": 1})
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-02"
    r = api.post(TRANSFERS, {"from_household_code": forty[0], "to_household_code": forty[1], "shares": -1})
    assert r.status_code == 422 and "shares" in r.get_json()["errors"]


def test_the_named_recipient_must_live_in_the_receiving_household(app, api):
    (a, _), (b, b_people) = quantified_village(app, api, [1] + [2] + [1] * 38)[:2]
    other = build(app, lambda s: make_person(s, "外人").id_number)
    r = api.post(
        TRANSFERS, {"from_household_code": a, "to_household_code": b, "shares": 1, "to_id_number": other}
    )
    assert r.status_code == 422 and "to_id_number" in r.get_json()["errors"]
    r = api.post(
        TRANSFERS,
        {"from_household_code": a, "to_household_code": b, "shares": 2, "to_id_number": b_people[1]},
    )
    assert r.status_code == 201
    holders = api.get(
        f"/api/v1/collectives/{VILLAGE_A}/share-holders", query_string={"household_code": b}
    ).get_json()["items"]
    assert sorted(h["shares"] for h in holders) == [10, 12]


def _deceased_household(app, api):
    """A two-person household (10 shares each) whose head has died; returns (codes, head, widow)."""
    households = quantified_village(app, api, [2] + [1] * 3)
    _, (head, widow) = households[0]

    def death(session):
        end_by_death(session, session.query(Person).filter_by(id_number=head).one(), VILLAGE_A)

    build(app, death)
    return [c for c, _ in households], head, widow


def test_a_non_member_heir_inherits_receives_no_vote_sh_03(app, api):
    codes, head, widow = _deceased_household(app, api)
    heir = build(app, lambda s: make_person(s, "外地女儿", "2").id_number)  # lives in no household here
    r = api.post(
        INHERIT,
        {
            "deceased_id_number": head,
            "document_ref": "(2026)豫郑证字第1号",
            "heirs": [{"id_number": widow, "shares": 4}, {"id_number": heir, "shares": 6}],
        },
    )
    assert r.status_code == 201, r.get_json()
    heirs = {h["shares"]: (h["member"], h["votes"], h["household_code"]) for h in r.get_json()["heirs"]}
    assert heirs == {4: (True, True, codes[0]), 6: (False, False, None)}
    held = _holdings(api)
    assert held[codes[0]] == 14 and held[heir[:6] + "********" + heir[-4:]] == 6
    assert sum(held.values()) == 50
    holders = api.get(f"/api/v1/collectives/{VILLAGE_A}/share-holders").get_json()["items"]
    assert [(h["shares"], h["votes"]) for h in holders if h["household_code"] is None] == [(6, False)]


def test_inheritance_passes_the_whole_holding_of_a_deceased_holder_only_sh_03(app, api):
    codes, head, widow = _deceased_household(app, api)
    cases = [
        ({"deceased_id_number": widow, "heirs": [{"id_number": head, "shares": 10}]}, "deceased_id_number"),
        ({"deceased_id_number": head, "heirs": [{"id_number": widow, "shares": 9}]}, "heirs"),
        ({"deceased_id_number": head, "heirs": []}, "heirs"),
        (
            {
                "deceased_id_number": head,
                "heirs": [{"id_number": widow, "shares": 5}, {"id_number": widow, "shares": 5}],
            },
            "heirs.1.id_number",
        ),
    ]
    for body, field in cases:
        r = api.post(INHERIT, {**body, "document_ref": "继承公证书"})
        assert r.status_code == 422 and r.get_json()["rule"] == "SH-03", (body, r.get_json())
        assert field in r.get_json()["errors"]
    r = api.post(
        INHERIT,
        {"deceased_id_number": head, "heirs": [{"id_number": widow, "shares": 10}], "document_ref": "   "},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "SH-03"
    assert _holdings(api)[codes[0]] == 20


def test_register_entries_cannot_be_changed_or_removed_rg_01(app, api, session):
    quantified_village(app, api, [1])
    for statement in ("UPDATE share_register SET delta = 99", "DELETE FROM share_register"):
        with pytest.raises(Exception, match="append-only"):
            session.execute(text(statement))
        session.rollback()
