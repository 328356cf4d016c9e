"""Registered homestead rights through HTTP: inheritance (HS-07), change and cancellation registrations, the
register (RG-01), and the exit through the one settlement-linkage path (UR-02, UR-04)."""

from datetime import timedelta

import pytest

from registry.homesteads.models import HEIR_NOTE
from tests.factories import VILLAGE_A, make_person
from tests.factories_homesteads import applicant, applicant_with_head, apply, approved, homestead_world, seed
from registry import clock

pytestmark = pytest.mark.usefixtures("homestead_world")
RIGHTS = "/api/v1/homestead-rights"
assert homestead_world


def _outsider(app) -> str:
    """A registered person who is a member of no collective (e.g. a child living in the city)."""
    return seed(app, lambda s: make_person(s, "王城").id_number)


def _with_house(api, right_id, number="00010001"):
    r = api.post(
        f"{RIGHTS}/{right_id}/changes",
        {
            "kind": "house",
            "building_number": number,
            "reason": "新建住宅竣工",
            "evidence_ref": "规划许可 2025-8",
        },
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    return r.get_json()


# --- HS-07 inheritance
# ---------------------------------------------------------------------------------------


def test_a_non_member_heir_cannot_take_a_homestead_without_a_house_hs_07(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/inheritance",
        {"heir_id_number": _outsider(app), "evidence_ref": "继承公证书 (2025) 第12号"},
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-07"
    assert "heir_id_number" in r.get_json()["errors"]


def test_a_non_member_heir_holds_the_house_with_the_mandated_note_hs_07(api, app):
    household = applicant(app, VILLAGE_A)
    right = approved(api, household)
    house = _with_house(api, right["right_id"])
    assert (
        house["unit_code"].endswith("F00010001")
        and house["certificate_number"] != right["certificate_number"]
    )
    heir = _outsider(app)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/inheritance",
        {"heir_id_number": heir, "evidence_ref": "继承公证书 (2025) 第12号"},
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    out = r.get_json()
    assert out["note"] == HEIR_NOTE == "该权利人为本农民集体经济组织原成员住宅的合法继承人"
    assert out["household_code"] is None and out["holder_name"] == "王城"
    assert out["holder_id_number"] == heir[:6] + "********" + heir[-4:]
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404
    register = api.get(f"{RIGHTS}/{right['right_id']}/register").get_json()
    assert [e["kind"] for e in register["entries"]] == ["first", "change", "inheritance"]
    assert register["state"]["note"] == HEIR_NOTE


def test_the_house_cannot_be_taken_off_an_heirs_right_hs_07(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    _with_house(api, right["right_id"])
    api.post(
        f"{RIGHTS}/{right['right_id']}/inheritance",
        {"heir_id_number": _outsider(app), "evidence_ref": "继承公证书"},
        as_="reviewer",
    )
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/changes",
        {"kind": "house", "building_number": None, "reason": "房屋拆除"},
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-07"


def test_a_member_heir_takes_the_right_into_their_household_hs_07(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    heir_household, heir = applicant_with_head(app, VILLAGE_A)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/inheritance",
        {"heir_id_number": heir, "evidence_ref": "遗嘱"},
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["household_code"] == heir_household and r.get_json()["note"] is None
    assert api.get(f"/api/v1/households/{heir_household}/homestead").get_json()["id"] == right["right_id"]


def test_a_member_heir_whose_household_has_a_homestead_is_refused_hs_01(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    heir_household, heir = applicant_with_head(app, VILLAGE_A)
    approved(api, heir_household, x=1)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/inheritance",
        {"heir_id_number": heir, "evidence_ref": "遗嘱"},
        as_="reviewer",
    )
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-01"


# --- change registrations -----------------------------------------------------------------------------------


def test_a_sale_moves_the_right_and_bars_the_seller_from_applying_hs_05(api, app):
    seller = applicant(app, VILLAGE_A)
    right = approved(api, seller)
    _with_house(api, right["right_id"])
    buyer = applicant(app, VILLAGE_A)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/changes",
        {
            "kind": "holder",
            "household_code": buyer,
            "cause": "sale",
            "reason": "房屋买卖",
            "evidence_ref": "买卖合同 2025-3",
        },
        as_="reviewer",
    )
    assert r.status_code == 200 and r.get_json()["household_code"] == buyer
    assert api.get(f"/api/v1/households/{buyer}/homestead").get_json()["id"] == right["right_id"]
    r = api.post(
        "/api/v1/homestead-applications",
        {"household_code": seller, "terrain": "plain", "geometry": {"type": "Polygon", "coordinates": []}},
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-05"


def test_a_holder_change_respects_one_household_one_homestead_hs_01(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    other = applicant(app, VILLAGE_A)
    approved(api, other, x=1)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/changes",
        {
            "kind": "holder",
            "household_code": other,
            "cause": "gift",
            "reason": "赠与",
            "evidence_ref": "赠与合同",
        },
        as_="reviewer",
    )
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-01"


def test_a_holder_change_needs_a_member_household_hs_03(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/changes",
        {
            "kind": "holder",
            "household_code": applicant(app, VILLAGE_A, members=False),
            "cause": "other",
            "reason": "分户",
            "evidence_ref": "x",
        },
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-03"


def test_changes_are_registered_by_the_county_only_sec_01(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    change = {"kind": "house", "building_number": "00010001", "reason": "竣工"}
    assert api.post(f"{RIGHTS}/{right['right_id']}/changes", change, as_="clerk").status_code == 403
    assert api.post(f"{RIGHTS}/{right['right_id']}/changes", change, as_="reviewer_other").status_code == 403
    assert api.get(f"{RIGHTS}/{right['right_id']}", as_="clerk_b").status_code == 403
    assert api.get(f"{RIGHTS}/{right['right_id']}", as_="clerk").status_code == 200


# --- cancellation (UR-02)
# -------------------------------------------------------------------------------------


def test_a_cancellation_giving_urban_settlement_is_refused_and_audited_ur_02(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/cancellation",
        {"cause": "other_legal", "basis_ref": "村委会决定", "note": "户主已进城落户"},
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    audit = api.get(
        f"/api/v1/audit?entity=homestead_right&entity_id={right['right_id']}", as_="admin"
    ).get_json()
    assert [(e["outcome"], e["rule"]) for e in audit["items"]] == [("refused", "UR-02")]
    assert api.get(f"{RIGHTS}/{right['right_id']}").get_json()["status"] == "active"


def test_a_voluntary_return_is_not_a_cancellation_ur_02(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/cancellation",
        {"cause": "returned", "basis_ref": "申请书"},
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02" and "cause" in r.get_json()["errors"]


def test_an_expropriation_cancels_the_right_and_frees_plot_and_household_rg_01(api, app):
    household = applicant(app, VILLAGE_A)
    right = approved(api, household)
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/cancellation",
        {"cause": "expropriated", "basis_ref": "豫政土征〔2025〕8号"},
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    out = r.get_json()
    assert (
        out["status"] == "ended" and out["end_reason"] == "expropriated" and out["certificate_number"] is None
    )
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404
    again = apply(api, household)  # the same plot, a new plot code
    assert again["parcel_code"] != right["unit_code"][:19]
    assert (
        api.post(
            f"{RIGHTS}/{right['right_id']}/cancellation",
            {"cause": "destroyed", "basis_ref": "x"},
            as_="reviewer",
        ).status_code
        == 409
    )


# --- the register (RG-01)
# -------------------------------------------------------------------------------------


def test_the_register_reads_back_the_state_on_a_past_date_rg_01(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    _with_house(api, right["right_id"])
    reg = api.get(f"{RIGHTS}/{right['right_id']}/register").get_json()
    assert [e["entry_no"] for e in reg["entries"]] == [1, 2]
    assert reg["entries"][0]["state"]["unit_code"].endswith("W00000000")
    assert reg["state"]["unit_code"].endswith("F00010001")
    before = api.get(f"{RIGHTS}/{right['right_id']}/register?on={yesterday}").get_json()
    assert before["state"] is None and before["entries"] == []
    r = api.post(
        f"{RIGHTS}/{right['right_id']}/changes",
        {"kind": "house", "building_number": "00010002", "reason": "门牌更正", "date": yesterday},
        as_="reviewer",
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "RG-01"


# --- the exit through the one settlement-linkage path
# -----------------------------------------------------------


def _exit(api, unit_code, holder, reason="自愿退出宅基地，另有住房"):
    return api.post(
        "/api/v1/exits",
        {
            "right": "homestead",
            "ref": unit_code,
            "holder_id_number": holder,
            "compensation_fen": 8_000_000,
            "statement_ref": "退出申请书 2025-1",
            "reason": reason,
        },
    )


def test_an_approved_exit_ends_the_right_through_the_review_queue(api, app):
    household, holder = applicant_with_head(app, VILLAGE_A)
    right = approved(api, household)
    r = _exit(api, right["unit_code"], holder)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["linkage_flag"] is False
    items = api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["items"]
    [item] = [i for i in items if i["kind"] == "exit:homestead"]
    r = api.post(
        f"/api/v1/reviews/{item['id']}/decision", {"decision": "approve", "note": "自愿有偿"}, as_="reviewer"
    )
    assert r.status_code == 200, r.get_json()
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404
    reg = api.get(f"{RIGHTS}/{right['right_id']}/register").get_json()
    assert reg["entries"][-1]["kind"] == "exit" and reg["state"]["end_reason"] == "exit"


def test_an_exit_for_urban_settlement_is_refused_ur_02(api, app):
    household, holder = applicant_with_head(app, VILLAGE_A)
    right = approved(api, household)
    r = _exit(api, right["unit_code"], holder, reason="全家进城落户，退出宅基地")
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 200


def test_an_exit_soon_after_settlement_needs_the_attestation_ur_04(api, app):
    household, holder = applicant_with_head(app, VILLAGE_A)
    right = approved(api, household)
    r = api.post(
        "/api/v1/hukou-events",
        {"id_number": holder, "kind": "urban_settlement", "date": clock.today().isoformat()},
        as_="police",
    )
    assert r.status_code == 201, r.get_json()
    assert _exit(api, right["unit_code"], holder).get_json()["linkage_flag"] is True
    [item] = [
        i
        for i in api.get("/api/v1/reviews", as_="reviewer").get_json()["items"]
        if i["kind"] == "exit:homestead"
    ]
    decision = f"/api/v1/reviews/{item['id']}/decision"
    r = api.post(decision, {"decision": "approve", "note": "ok"}, as_="reviewer")
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-04"
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 200
    r = api.post(
        decision, {"decision": "approve", "note": "本人自愿", "attest_voluntary": True}, as_="reviewer"
    )
    assert r.status_code == 200
    assert api.get(f"/api/v1/households/{household}/homestead").status_code == 404


def test_an_exit_names_only_a_holder_of_the_right(api, app):
    right = approved(api, applicant(app, VILLAGE_A))
    r = _exit(api, right["unit_code"], _outsider(app))
    assert r.status_code == 422 and "holder_id_number" in r.get_json()["errors"]
    assert _exit(api, "410122100001JC99999W00000000", _outsider(app)).status_code == 404
