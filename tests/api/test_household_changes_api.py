"""Household changes through HTTP (户籍变动): a member joins or leaves, a household splits (分户) or merges (
合户);
the land contract's co-holders follow the household (LC-04), the old state stays readable (RG-01), membership
is never touched (MEM rules), and only the household's own clerk may do it (SEC-01)."""

from datetime import timedelta

from registry import clock
from registry.db import db
from registry.people.models import Household, HouseholdChange
from tests.factories import make_person
from tests.factories_contracts import END, committed, contracted_family, family

HH = "/api/v1/households"
LC = "/api/v1/land-contracts"
TODAY = clock.today()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()


def _newborn(app, name="王小宝"):
    return committed(app, lambda s: make_person(s, name, "1", TODAY - timedelta(days=20)).id_number)


def _holders(api, contract_code, as_of=None):
    r = api.get(f"{LC}/{contract_code}" + (f"?as_of={as_of}" if as_of else ""))
    return sorted(h["name"] for h in r.get_json()["right_holders"])


def _kinds(api, contract_code):
    return [e["kind"] for e in api.get(f"{LC}/{contract_code}/register").get_json()["items"]]


def _changes(api, household_code):
    return [(c["kind"], c["reason"]) for c in api.get(f"{HH}/{household_code}/changes").get_json()["items"]]


def _memberships(api, id_number):
    return [m["status"] for m in api.get(f"/api/v1/persons/{id_number}/memberships").get_json()["items"]]


# --- a member joins ----------------------------------------------------------------------------------------


def test_a_birth_adds_the_child_to_the_household_and_to_the_contracts_co_holders_lc_04(api, app):
    c = contracted_family(app)
    baby = _newborn(app)
    r = api.post(
        f"{HH}/{c.household_code}/members",
        {"id_number": baby, "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明 O410000001"},
    )
    assert r.status_code == 201, r.get_json()
    assert "王小宝" in [m["name"] for m in r.get_json()["members"]]
    assert _holders(api, c.contract_code) == sorted(["王建国", "李秀英", "王小红", "王小宝"])
    assert _holders(api, c.contract_code, YESTERDAY) == sorted(["王建国", "李秀英", "王小红"])
    assert _kinds(api, c.contract_code)[-1] == "change"
    assert _changes(api, c.household_code) == [("member_added", "birth")]
    assert _memberships(api, baby) == []  # MEM rules decide membership, not a household change


def test_a_member_joins_only_with_a_known_reason_evidence_and_from_no_other_household(api, app):
    c, other = contracted_family(app), family(app)
    baby = _newborn(app)
    body = {"id_number": baby, "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"}
    cases = [
        ({**body, "reason": "purchase"}, "reason"),
        ({**body, "evidence_ref": ""}, "evidence_ref"),
        ({**body, "relation": "02"}, "relation"),
        ({**body, "date": (TODAY + timedelta(days=1)).isoformat()}, "date"),
    ]
    for bad, field in cases:
        r = api.post(f"{HH}/{c.household_code}/members", bad)
        assert r.status_code == 422 and field in r.get_json()["errors"], (bad, r.get_json())
    r = api.post(
        f"{HH}/{c.household_code}/members", {**body, "id_number": other.id_numbers[1], "reason": "marriage"}
    )
    assert r.status_code == 409 and r.get_json()["rule"] == "PER-02"
    assert _changes(api, c.household_code) == [] and len(_holders(api, c.contract_code)) == 3


def test_only_the_households_own_clerk_changes_it_sec_01(api, app):
    c = contracted_family(app)
    body = {"id_number": _newborn(app), "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"}
    for user in ("clerk_b", "reviewer", "police"):
        r = api.post(f"{HH}/{c.household_code}/members", body, as_=user)
        assert r.status_code == 403, (user, r.get_json())
    assert api.post(f"{HH}/{c.household_code}/members", body).status_code == 201


# --- a member leaves ---------------------------------------------------------------------------------------


def test_a_death_ends_the_co_holding_but_not_the_membership_record_of_the_others(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    r = api.post(
        f"{HH}/{c.household_code}/members/{wife}/leave",
        {"reason": "death", "evidence_ref": "死亡医学证明 2026-77"},
    )
    assert r.status_code == 200, r.get_json()
    assert sorted(m["name"] for m in r.get_json()["members"]) == ["王小红", "王建国"]
    assert _holders(api, c.contract_code) == ["王小红", "王建国"]
    assert _holders(api, c.contract_code, YESTERDAY) == sorted(["王建国", "李秀英", "王小红"])
    assert _memberships(api, wife) == [
        "active"
    ]  # ending a membership is MEM-04's business (with its document)
    assert _changes(api, c.household_code) == [("member_left", "death")]


def test_the_head_leaves_only_with_a_new_head_named_from_those_who_stay(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    body = {"reason": "moved_out", "evidence_ref": "户口迁移证 2026-3"}
    r = api.post(f"{HH}/{c.household_code}/members/{head}/leave", body)
    assert r.status_code == 422 and "new_head_id_number" in r.get_json()["errors"]
    r = api.post(f"{HH}/{c.household_code}/members/{head}/leave", {**body, "new_head_id_number": wife})
    assert r.status_code == 200, r.get_json()
    assert {m["name"]: m["relation"] for m in r.get_json()["members"]} == {"李秀英": "02", "王小红": "30"}
    r = api.post(f"{HH}/{c.household_code}/members/{head}/leave", body)
    assert r.status_code == 422 and "id_number" in r.get_json()["errors"]  # not a member any more


# --- split (分户) ------------------------------------------------------------------------------------------


def test_a_split_gives_two_households_whose_contracts_hold_exactly_the_original_parcels(api, app):
    c = contracted_family(app, n_parcels=3)
    head, wife, daughter = c.id_numbers
    r = api.post(
        f"{HH}/{c.household_code}/split",
        {
            "members": [],
            "head_id_number": daughter,
            "parcel_codes": [c.parcel_codes[2]],
            "evidence_ref": "分户申请书 2026-9",
        },
    )
    assert r.status_code == 201, r.get_json()
    new = r.get_json()["code"]
    assert new != c.household_code and new[:14] == c.household_code[:14]
    assert [(m["name"], m["relation"]) for m in r.get_json()["members"]] == [("王小红", "02")]
    old_c, new_c = api.get(f"{LC}/{c.contract_code}").get_json(), api.get(f"{LC}/{new}J").get_json()
    assert old_c["parcel_codes"] == sorted(c.parcel_codes[:2]) and new_c["parcel_codes"] == [
        c.parcel_codes[2]
    ]
    assert sorted(old_c["parcel_codes"] + new_c["parcel_codes"]) == sorted(c.parcel_codes)
    assert _holders(api, c.contract_code) == ["李秀英", "王建国"] and _holders(api, f"{new}J") == ["王小红"]
    assert (new_c["start_date"], new_c["end_date"]) == (TODAY.isoformat(), END.isoformat())
    assert api.get(f"{LC}/{c.contract_code}?as_of={YESTERDAY}").get_json()["parcel_codes"] == sorted(
        c.parcel_codes
    )
    assert _kinds(api, c.contract_code)[-1] == "split" and _kinds(api, f"{new}J") == ["split"]
    assert _changes(api, c.household_code) == [("split_off", None)] and _changes(api, new) == [
        ("split_from", None)
    ]
    assert _memberships(api, daughter) == ["active"]


def test_a_split_keeps_the_head_and_moves_only_current_members_with_parcels_of_the_contract(api, app):
    c = contracted_family(app)
    head, wife, daughter = c.id_numbers
    body = {"head_id_number": daughter, "parcel_codes": [c.parcel_codes[1]], "evidence_ref": "分户申请书"}
    cases = [
        ({**body, "head_id_number": head}, "head_id_number"),
        ({**body, "head_id_number": family(app).id_numbers[1]}, "head_id_number"),
        ({**body, "members": [wife, wife]}, "members.1"),
        ({**body, "members": [{"id_number": wife, "relation": "xx"}]}, "members.0.relation"),
        ({**body, "parcel_codes": [contracted_family(app).parcel_codes[0]]}, "parcel_codes"),
    ]
    for bad, field in cases:
        r = api.post(f"{HH}/{c.household_code}/split", bad)
        assert r.status_code == 422 and field in r.get_json()["errors"], (bad, r.get_json())
    assert _kinds(api, c.contract_code) == ["initial"] and _changes(api, c.household_code) == []


# --- merge (合户) ------------------------------------------------------------------------------------------


def test_a_merge_brings_the_other_households_members_and_parcels_into_this_contract(api, app):
    a, b = contracted_family(app), contracted_family(app)
    r = api.post(
        f"{HH}/{a.household_code}/merge",
        {
            "other_household_code": b.household_code,
            "members": [{"id_number": b.id_numbers[0], "relation": "70"}],
            "evidence_ref": "合户申请书 2026-2",
        },
    )
    assert r.status_code == 200, r.get_json()
    assert len(r.get_json()["members"]) == 6
    merged = api.get(f"{LC}/{a.contract_code}").get_json()
    assert (
        merged["parcel_codes"] == sorted(a.parcel_codes + b.parcel_codes)
        and len(merged["right_holders"]) == 6
    )
    ended = api.get(f"{LC}/{b.contract_code}").get_json()
    assert ended["status"] == "ended" and ended["end_reason"] == "merge"
    assert api.get(f"{LC}/{b.contract_code}?as_of={YESTERDAY}").get_json()["parcel_codes"] == sorted(
        b.parcel_codes
    )
    assert _changes(api, a.household_code) == [("merged_in", None)]
    assert _changes(api, b.household_code) == [("merged_into", None)]
    with app.app_context():
        assert db.session.get(Household, b.household_code).dissolved_on == TODAY
    r = api.post(
        f"{HH}/{a.household_code}/merge",
        {"other_household_code": b.household_code, "evidence_ref": "合户申请书"},
    )
    assert r.status_code == 409  # a dissolved household merges no more


def test_a_merge_joins_households_of_one_collective_only_per_03(api, app):
    from tests.factories import VILLAGE_B

    a, b = contracted_family(app), family(app, VILLAGE_B)
    r = api.post(
        f"{HH}/{a.household_code}/merge",
        {"other_household_code": b.household_code, "evidence_ref": "合户申请书"},
    )
    assert r.status_code == 403  # the other household is outside this clerk's collective (SEC-01)
    r = api.post(
        f"{HH}/{a.household_code}/merge",
        {"other_household_code": a.household_code, "evidence_ref": "合户申请书"},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "PER-03"


def test_the_household_register_is_append_only_rg_01(app, api):
    c = contracted_family(app)
    api.post(
        f"{HH}/{c.household_code}/members",
        {"id_number": _newborn(app), "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"},
    )
    import pytest
    from sqlalchemy import update
    from sqlalchemy.exc import DBAPIError

    with app.app_context():
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(update(HouseholdChange).values(reason="return"))
        db.session.rollback()
