"""Changes of a contract through HTTP: transfer (LC-07), swap (LC-08), lawful termination only (LC-05), the
general change of holders (LC-04), each read back as of earlier dates (RG-01)."""

from datetime import date, timedelta

import pytest

from registry.people.models import HouseholdMember
from tests.factories import VILLAGE_B, committed, make_member, make_person
from tests.factories_contracts import END, START, contracted_family, family
from registry import clock

URL = "/api/v1/land-contracts"
TODAY = clock.today()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
ON = date(START.year + 10, 3, 1)  # a past day within the contracts' term


def _get(api, code, as_of=None):
    return api.get(f"{URL}/{code}" + (f"?as_of={as_of}" if as_of else ""))


def _kinds(api, code):
    return [e["kind"] for e in api.get(f"{URL}/{code}/register").get_json()["items"]]


def _transfer(api, code, to, parcels, **kw):
    return api.post(
        f"{URL}/{code}/transfers",
        {
            "to_household_code": to,
            "parcel_codes": parcels,
            "issuer_consent": True,
            "document_ref": "转让合同 2026-1",
            **kw,
        },
    )


# --- LC-07 transfer ----------------------------------------------------------------------------------------


def test_a_transfer_gives_the_transferee_a_new_contract_and_as_of_reads_both_sides_lc_07(api, app):
    a = contracted_family(app)
    b = family(app)
    r = _transfer(api, a.contract_code, b.household_code, [a.parcel_codes[0]], date=ON.isoformat())
    assert r.status_code == 201, r.get_json()
    out = r.get_json()
    assert out["contract"]["parcel_codes"] == [a.parcel_codes[1]] and out["contract"]["status"] == "active"
    new = out["to_contract"]
    assert new["code"] == b.contract_code and new["parcel_codes"] == [a.parcel_codes[0]]
    assert (new["method"], new["start_date"], new["end_date"]) == ("200", ON.isoformat(), END.isoformat())
    assert len(new["right_holders"]) == 3
    assert _get(api, a.contract_code, ON - timedelta(days=1)).get_json()["parcel_codes"] == sorted(
        a.parcel_codes
    )
    assert _get(api, b.contract_code, ON - timedelta(days=1)).status_code == 404
    assert _get(api, a.contract_code, ON).get_json()["parcel_codes"] == [a.parcel_codes[1]]
    assert _get(api, b.contract_code, ON).get_json()["parcel_codes"] == [a.parcel_codes[0]]
    assert _kinds(api, a.contract_code) == ["initial", "transfer"]
    assert _kinds(api, b.contract_code) == ["transfer"]


def test_a_transfer_to_a_household_with_a_contract_adds_the_parcels_to_it_lc_07(api, app):
    a, b = contracted_family(app), contracted_family(app)
    r = _transfer(api, a.contract_code, b.household_code, a.parcel_codes)
    assert r.status_code == 201
    assert r.get_json()["to_contract"]["parcel_codes"] == sorted(a.parcel_codes + b.parcel_codes)
    ended = r.get_json()["contract"]
    assert ended["status"] == "ended" and ended["end_reason"] == "transfer" and ended["right_holders"] == []
    before = _get(api, a.contract_code, YESTERDAY).get_json()
    assert before["status"] == "active" and len(before["right_holders"]) == 3
    assert _kinds(api, b.contract_code) == ["initial", "transfer"]


def test_a_contract_starting_today_can_be_transferred_today_lc_07(api, app):
    a = contracted_family(app, start=TODAY)
    b = family(app)
    r = _transfer(api, a.contract_code, b.household_code, a.parcel_codes)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["contract"]["status"] == "ended"
    assert _get(api, b.contract_code, TODAY).get_json()["parcel_codes"] == sorted(a.parcel_codes)
    assert _kinds(api, a.contract_code) == ["initial", "transfer"]


def test_a_transfer_needs_the_issuers_consent_and_a_household_of_the_same_collective_lc_07(api, app):
    a = contracted_family(app)
    b = family(app)
    r = _transfer(api, a.contract_code, b.household_code, [a.parcel_codes[0]], issuer_consent=False)
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "LC-07"
        and "issuer_consent" in r.get_json()["errors"]
    )
    outsider = family(app, VILLAGE_B)
    r = _transfer(api, a.contract_code, outsider.household_code, [a.parcel_codes[0]])
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-07"
    r = _transfer(api, a.contract_code, a.household_code, [a.parcel_codes[0]])
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-07"
    no_members = family(app, members=False)
    r = _transfer(api, a.contract_code, no_members.household_code, [a.parcel_codes[0]])
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-07"
    r = _transfer(api, a.contract_code, b.household_code, [contracted_family(app).parcel_codes[0]])
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-07" and r.get_json()["conflicts"]
    assert _get(api, a.contract_code).get_json()["parcel_codes"] == sorted(a.parcel_codes)


# --- LC-08 swap --------------------------------------------------------------------------------------------


def test_a_swap_exchanges_parcels_between_two_households_of_the_collective_lc_08(api, app):
    a, b = contracted_family(app), contracted_family(app)
    r = api.post(
        f"{URL}/{a.contract_code}/swaps",
        {
            "other_contract_code": b.contract_code,
            "parcel_codes": [a.parcel_codes[0]],
            "other_parcel_codes": [b.parcel_codes[0]],
        },
    )
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["contract"]["parcel_codes"] == sorted([a.parcel_codes[1], b.parcel_codes[0]])
    assert r.get_json()["other_contract"]["parcel_codes"] == sorted([a.parcel_codes[0], b.parcel_codes[1]])
    assert _kinds(api, a.contract_code) == _kinds(api, b.contract_code) == ["initial", "swap"]
    assert _get(api, a.contract_code, YESTERDAY).get_json()["parcel_codes"] == sorted(a.parcel_codes)


def test_a_swap_with_another_collectives_household_is_refused_lc_08(api, app):
    a = contracted_family(app)
    b = contracted_family(app, VILLAGE_B)
    body = {
        "other_contract_code": b.contract_code,
        "parcel_codes": [a.parcel_codes[0]],
        "other_parcel_codes": [b.parcel_codes[0]],
    }
    r = api.post(f"{URL}/{a.contract_code}/swaps", body, as_="admin")
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-08"
    r = api.post(f"{URL}/{a.contract_code}/swaps", {**body, "other_contract_code": a.contract_code})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-08"
    c = contracted_family(app)
    r = api.post(f"{URL}/{a.contract_code}/swaps", {**body, "other_contract_code": c.contract_code})
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "LC-08"
        and "other_parcel_codes" in r.get_json()["errors"]
    )


# --- LC-05 termination -------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["urban_settlement", "marriage", "divorce", "widowhood", "reallocation"])
def test_the_issuer_cannot_take_land_back_for_any_other_reason_and_the_attempt_is_audited_lc_05(
    api, app, reason
):
    c = contracted_family(app)
    r = api.post(f"{URL}/{c.contract_code}/termination", {"reason": reason, "document_ref": "村委会决定"})
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-05" and "reason" in r.get_json()["errors"]
    assert _get(api, c.contract_code).get_json()["status"] == "active"
    log = api.get(f"/api/v1/audit?entity=land_contract&entity_id={c.contract_code}", as_="admin").get_json()
    refused = [e for e in log["items"] if e["outcome"] == "refused"]
    assert [(e["rule"], e["actor"], e["action"]) for e in refused] == [
        ("LC-05", "clerk", "contract.terminate")
    ]


def test_expropriation_ends_the_contract_with_the_acts_reference_lc_05(api, app):
    c = contracted_family(app)
    r = api.post(f"{URL}/{c.contract_code}/termination", {"reason": "expropriation"})
    assert (
        r.status_code == 422 and r.get_json()["rule"] == "LC-05" and "document_ref" in r.get_json()["errors"]
    )
    r = api.post(
        f"{URL}/{c.contract_code}/termination",
        {"reason": "expropriation", "document_ref": "豫政土征〔2026〕12号"},
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["status"] == "ended" and r.get_json()["end_reason"] == "termination"
    entry = api.get(f"{URL}/{c.contract_code}/register").get_json()["items"][-1]
    assert (entry["kind"], entry["reason"], entry["document_ref"]) == (
        "termination",
        "expropriation",
        "豫政土征〔2026〕12号",
    )
    assert _get(api, c.contract_code, YESTERDAY).get_json()["status"] == "active"


def test_destruction_of_one_parcel_leaves_the_rest_of_the_contract_lc_05(api, app):
    c = contracted_family(app)
    r = api.post(
        f"{URL}/{c.contract_code}/termination", {"reason": "destruction", "parcel_codes": [c.parcel_codes[1]]}
    )
    assert r.status_code == 200
    assert r.get_json()["status"] == "active" and r.get_json()["parcel_codes"] == [c.parcel_codes[0]]
    assert len(r.get_json()["right_holders"]) == 3


# --- LC-04 general change of holders -----------------------------------------------------------------------


def test_a_newborn_becomes_a_holder_by_a_general_change_lc_04(api, app):
    c = contracted_family(app)

    def add_baby(session):
        baby = make_person(session, "王小宝", "2", TODAY - timedelta(days=30))
        session.add(HouseholdMember(household_code=c.household_code, person_id=baby.id, relation="30"))
        make_member(session, baby, c.household_code[:14], TODAY)

    committed(app, add_baby)
    r = api.post(f"{URL}/{c.contract_code}/holders", {"reason": "出生", "document_ref": "出生证明"})
    assert r.status_code == 200, r.get_json()
    assert [h["name"] for h in r.get_json()["right_holders"]][-1] == "王小宝"
    assert len(_get(api, c.contract_code, YESTERDAY).get_json()["right_holders"]) == 3
    r = api.post(f"{URL}/{c.contract_code}/holders", {})
    assert r.status_code == 409 and r.get_json()["rule"] == "LC-04"
