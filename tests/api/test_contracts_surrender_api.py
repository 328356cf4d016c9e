"""Surrender (交回) through HTTP: six months' written notice and compensation (LC-06), the settlement-linkage
guard and flag of the one exit path (UR-02, UR-04), and the bar on new contract land for the rest of the
term."""

from datetime import timedelta

from registry.contracts.terms import add_months
from registry.settlement.models import HukouEvent
from tests.factories import committed
from tests.factories_contracts import END, contract_body, contracted_family, family, parcels
from registry import clock

URL = "/api/v1/land-contracts"
TODAY = clock.today()


def _consents(c, holder=None):
    """UR-06: the written statements of the co-holders other than the one who signs (the head by default)."""
    return [
        {"id_number": n, "statement_ref": f"书面同意 {i}"}
        for i, n in enumerate(c.id_numbers)
        if n != (holder or c.id_numbers[0])
    ]


def _body(c, **kw):
    return {
        "co_holder_statements": _consents(c),
        "notice_date": TODAY.isoformat(),
        "effective_date": add_months(TODAY, 6).isoformat(),
        "compensation_fen": 1_200_000,
        "statement_ref": "交回申请书 2026-11",
        "reason": "外出务工，自愿交回",
        **kw,
    }


def _approve(api, code, **kw):
    items = api.get("/api/v1/reviews?status=pending", as_="reviewer").get_json()["items"]
    (item,) = [i for i in items if i["kind"] == "exit:land_contract" and i["subject"] == code]
    return api.post(
        f"/api/v1/reviews/{item['id']}/decision",
        {"decision": "approve", "note": "核实", **kw},
        as_="reviewer",
    )


def test_a_surrender_needs_six_months_written_notice_lc_06(api, app):
    c = contracted_family(app)
    r = api.post(
        f"{URL}/{c.contract_code}/surrender",
        _body(c, effective_date=(add_months(TODAY, 6) - timedelta(days=1)).isoformat()),
    )
    assert (
        r.status_code == 422
        and r.get_json()["rule"] == "LC-06"
        and "effective_date" in r.get_json()["errors"]
    )
    r = api.post(f"{URL}/{c.contract_code}/surrender", _body(c))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "pending_review" and r.get_json()["linkage_flag"] is False
    assert set(r.get_json()) == {"id", "status", "linkage_flag"}
    assert api.get(f"{URL}/{c.contract_code}").get_json()["status"] == "active"


def test_a_surrender_is_compensated_and_written_lc_06(api, app):
    c = contracted_family(app)
    for change, field in [
        ({"compensation_fen": 0}, "compensation_fen"),
        ({"compensation_fen": -5}, "compensation_fen"),
        ({"statement_ref": " "}, "statement_ref"),
    ]:
        r = api.post(f"{URL}/{c.contract_code}/surrender", _body(c, **change))
        assert r.status_code == 422 and r.get_json()["rule"] == "LC-06" and field in r.get_json()["errors"]
    r = api.post(f"{URL}/{c.contract_code}/surrender", _body(c, compensation_fen=12.5))
    assert r.status_code == 422 and "compensation_fen" in r.get_json()["errors"]
    r = api.post(
        f"{URL}/{c.contract_code}/surrender", _body(c, notice_date=(TODAY + timedelta(days=1)).isoformat())
    )
    assert r.status_code == 422 and "notice_date" in r.get_json()["errors"]


def test_a_surrender_for_urban_settlement_is_refused_and_audited_ur_02(api, app):
    c = contracted_family(app)
    for reason in ("进城落户，交回承包地", "urban_settlement"):
        r = api.post(f"{URL}/{c.contract_code}/surrender", _body(c, reason=reason, compensation_fen=0))
        assert r.status_code == 422 and r.get_json()["rule"] == "UR-02"
    log = api.get(f"/api/v1/audit?entity=land_contract&entity_id={c.contract_code}", as_="admin").get_json()
    assert [(e["outcome"], e["rule"], e["actor"]) for e in log["items"] if e["outcome"] == "refused"] == [
        ("refused", "UR-02", "clerk")
    ] * 2


def test_a_surrender_soon_after_the_households_urban_settlement_is_flagged_ur_04(api, app):
    c = contracted_family(app)

    def settle_wife(session):
        from registry.people.models import Person

        wife = session.query(Person).filter_by(id_number=c.id_numbers[1]).one()
        session.add(
            HukouEvent(
                person_id=wife.id,
                kind="urban_settlement",
                date=TODAY - timedelta(days=30),
                household_code=c.household_code,
                recorded_by="police",
            )
        )

    committed(app, settle_wife)
    r = api.post(f"{URL}/{c.contract_code}/surrender", _body(c))
    assert r.status_code == 201 and r.get_json()["linkage_flag"] is True
    r = _approve(api, c.contract_code)
    assert r.status_code == 422 and r.get_json()["rule"] == "UR-04"
    assert _approve(api, c.contract_code, attest_voluntary=True).status_code == 200


def test_an_approved_surrender_ends_the_contract_and_bars_new_land_for_the_term_lc_06(api, app):
    c = contracted_family(app)
    notice, effective = add_months(TODAY, -7), add_months(TODAY, -1)
    r = api.post(
        f"{URL}/{c.contract_code}/surrender",
        _body(c, notice_date=notice.isoformat(), effective_date=effective.isoformat()),
    )
    assert r.status_code == 201
    assert _approve(api, c.contract_code).status_code == 200
    now = api.get(f"{URL}/{c.contract_code}").get_json()
    assert now["status"] == "ended" and now["end_reason"] == "surrender" and now["parcel_codes"] == []
    day_before = (effective - timedelta(days=1)).isoformat()
    assert api.get(f"{URL}/{c.contract_code}?as_of={day_before}").get_json()["status"] == "active"
    entry = api.get(f"{URL}/{c.contract_code}/register").get_json()["items"][-1]
    assert entry["kind"] == "surrender" and entry["document_ref"] == "交回申请书 2026-11"
    assert entry["details"]["compensation_fen"] == 1_200_000 and entry["actor"] == "reviewer"

    r = api.post(URL, contract_body(c.household_code, parcels(app), start=TODAY))
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-06"
    giver = contracted_family(app)
    r = api.post(
        f"{URL}/{giver.contract_code}/transfers",
        {
            "to_household_code": c.household_code,
            "parcel_codes": [giver.parcel_codes[0]],
            "issuer_consent": True,
            "document_ref": "转让",
        },
    )
    assert r.status_code == 422 and r.get_json()["rule"] == "LC-06"
    next_term = END + timedelta(days=1)
    r = api.post(URL, contract_body(c.household_code, parcels(app), start=next_term))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["status"] == "active" and r.get_json()["start_date"] == next_term.isoformat()
    kinds = [e["kind"] for e in api.get(f"{URL}/{c.contract_code}/register").get_json()["items"]]
    assert kinds == ["initial", "surrender", "initial"]


def test_a_surrender_taking_effect_later_leaves_the_contract_active_until_then_lc_06(api, app):
    c = contracted_family(app)
    effective = add_months(TODAY, 6)
    assert api.post(f"{URL}/{c.contract_code}/surrender", _body(c)).status_code == 201
    assert _approve(api, c.contract_code).status_code == 200
    assert api.get(f"{URL}/{c.contract_code}").get_json()["status"] == "active"
    later = api.get(f"{URL}/{c.contract_code}?as_of={effective.isoformat()}").get_json()
    assert later["status"] == "ended" and later["end_reason"] == "surrender"
    other = family(app)
    r = api.post(URL, contract_body(other.household_code, [c.parcel_codes[0]], start=TODAY))
    assert r.status_code == 409 and r.get_json()["rule"] == "LC-03"
    r = api.post(URL, contract_body(other.household_code, [c.parcel_codes[0]], start=effective))
    assert r.status_code == 201


def test_an_exit_filed_through_the_exits_endpoint_uses_the_contract_handler(api, app):
    c = contracted_family(app)
    r = api.post(
        "/api/v1/exits",
        {
            "right": "land_contract",
            "ref": c.contract_code,
            "holder_id_number": family(app).id_numbers[0],
            "compensation_fen": 1,
            "statement_ref": "x",
            "reason": "自愿交回",
        },
    )
    assert r.status_code == 422 and "holder_id_number" in r.get_json()["errors"]
    r = api.post(
        "/api/v1/exits",
        {
            "right": "land_contract",
            "ref": c.contract_code,
            "holder_id_number": c.id_numbers[1],
            "compensation_fen": 500_000,
            "statement_ref": "交回申请书",
            "reason": "自愿交回",
            "co_holder_statements": _consents(c, c.id_numbers[1]),
        },
    )
    assert r.status_code == 201, r.get_json()
    assert _approve(api, c.contract_code).status_code == 200
    after = api.get(f"{URL}/{c.contract_code}?as_of={add_months(TODAY, 6).isoformat()}").get_json()
    assert after["status"] == "ended" and after["end_reason"] == "surrender"
