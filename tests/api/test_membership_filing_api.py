"""备案: roster changes filed with the township and the county bureau in immutable batches (MEM-06)."""

from tests.factories import VILLAGE_A, VILLAGE_B
from tests.factories_membership import assembly_json, person_numbers
from registry import clock

BASE = f"/api/v1/collectives/{VILLAGE_A}"
RECEIPTS = {"township_ref": "城关镇备字〔2025〕3号", "county_ref": "中农经备〔2025〕17号"}


def _confirm_new(api, app, n=1):
    numbers = person_numbers(app, n)
    ids = []
    for number in numbers:
        r = api.post(f"{BASE}/membership-applications", {"id_number": number, "basis": "original"})
        ids.append(r.get_json()["id"])
    r = api.post(
        f"{BASE}/resolutions",
        assembly_json(decisions=[{"application_id": i, "decision": "confirm"} for i in ids]),
    )
    assert r.status_code == 201, r.get_json()
    return numbers


def test_every_roster_change_waits_to_be_filed_mem_06(api, app):
    _confirm_new(api, app, 2)
    unfiled = api.get(f"{BASE}/roster-changes?filed=false").get_json()
    assert unfiled["total"] == 2
    assert {(c["kind"], c["reason"], c["filing_id"]) for c in unfiled["items"]} == {
        ("joined", "original", None)
    }
    assert all("********" in c["id_number"] for c in unfiled["items"])


def test_filing_takes_every_unfiled_change_into_one_batch_mem_06(api, app):
    _confirm_new(api, app, 3)
    r = api.post(f"{BASE}/filings", {**RECEIPTS, "filed_on": clock.today().isoformat()})
    assert r.status_code == 201, r.get_json()
    batch = r.get_json()
    assert (batch["township_code"], batch["county_code"], batch["change_count"]) == (
        VILLAGE_A[:9],
        VILLAGE_A[:6],
        3,
    )
    assert batch["township_ref"] == RECEIPTS["township_ref"] and batch["county_ref"] == RECEIPTS["county_ref"]
    assert {c["filing_id"] for c in batch["changes"]} == {batch["id"]}
    assert api.get(f"{BASE}/roster-changes?filed=false").get_json()["total"] == 0
    assert api.get(f"{BASE}/roster-changes?filed=true").get_json()["total"] == 3
    assert (
        api.get(f"/api/v1/membership-filings/{batch['id']}", as_="reviewer").get_json()["change_count"] == 3
    )
    assert api.get(f"{BASE}/filings").get_json()["total"] == 1


def test_a_change_after_filing_goes_into_the_next_batch_mem_06(api, app):
    [number] = _confirm_new(api, app)
    first = api.post(f"{BASE}/filings", RECEIPTS).get_json()
    items = api.get(f"/api/v1/persons/{number}/memberships").get_json()["items"]
    r = api.post(
        f"/api/v1/memberships/{items[0]['membership_id']}/end",
        {"reason": "death", "date": clock.today().isoformat(), "evidence_ref": "死亡医学证明"},
    )
    assert r.status_code == 200
    unfiled = api.get(f"{BASE}/roster-changes?filed=false").get_json()["items"]
    assert [(c["kind"], c["reason"]) for c in unfiled] == [("ended", "death")]
    second = api.post(f"{BASE}/filings", {**RECEIPTS, "change_ids": [unfiled[0]["id"]]}).get_json()
    assert second["id"] != first["id"] and second["change_count"] == 1


def test_a_filed_change_cannot_be_filed_again_mem_06(api, app):
    _confirm_new(api, app)
    batch = api.post(f"{BASE}/filings", RECEIPTS).get_json()
    change_id = batch["changes"][0]["id"]
    r = api.post(f"{BASE}/filings", {**RECEIPTS, "change_ids": [change_id]})
    assert (
        r.status_code == 409
        and r.get_json()["rule"] == "MEM-06"
        and r.get_json()["conflicts"] == [str(change_id)]
    )
    r = api.post(f"{BASE}/filings", RECEIPTS)
    assert r.status_code == 422 and r.get_json()["rule"] == "MEM-06"


def test_a_filing_needs_both_receipts_and_only_its_own_changes_mem_06(api, app):
    _confirm_new(api, app)
    r = api.post(f"{BASE}/filings", {"township_ref": "城关镇备字〔2025〕3号"})
    assert r.status_code == 422 and "county_ref" in r.get_json()["errors"]
    r = api.post(f"{BASE}/filings", {**RECEIPTS, "filed_on": "2999-01-01"})
    assert r.status_code == 422 and "filed_on" in r.get_json()["errors"]
    r = api.post(f"{BASE}/filings", {**RECEIPTS, "change_ids": [424242]})
    assert r.status_code == 422 and "change_ids" in r.get_json()["errors"]
    assert api.post(f"{BASE}/filings", RECEIPTS, as_="clerk_b").status_code == 403
    assert (
        api.post(f"/api/v1/collectives/{VILLAGE_B}/filings", RECEIPTS, as_="clerk_b").get_json()["rule"]
        == "MEM-06"
    )


def test_filings_are_read_in_scope_only(api, app):
    _confirm_new(api, app)
    batch = api.post(f"{BASE}/filings", RECEIPTS).get_json()
    assert api.get(f"/api/v1/membership-filings/{batch['id']}", as_="clerk_b").status_code == 403
    assert api.get(f"/api/v1/membership-filings/{batch['id']}", as_="reviewer_other").status_code == 403
    assert api.get("/api/v1/membership-filings/999").status_code == 404
    assert api.get(f"{BASE}/roster-changes", as_="police").status_code == 403
