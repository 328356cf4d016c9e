"""A certificate follows its right (RG-02): every registration that ends a land contract cancels (注销) its
certificate with the registration as the reason; every change of holders, parcels or area replaces it (换发)
with
a new serial, the old one recorded as replaced and naming its successor; each in the contract's register
(RG-01)
and the audit. One test per registration kind and outcome."""

from datetime import timedelta

from registry import clock
from tests.factories import make_person
from tests.factories_contracts import committed, contracted_family
from tests.factories_homesteads import homestead_world

assert homestead_world

LC = "/api/v1/land-contracts"
HH = "/api/v1/households"
CERTS = "/api/v1/certificates"
TODAY = clock.today()


def _issue(api, contract_code) -> dict:
    r = api.post(CERTS, {"kind": "land_contract", "right_ref": contract_code})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _replaced(api, old: dict) -> dict:
    """The certificate now in force replaced `old`: new serial and code, the old one names its successor."""
    now = api.get(f"{CERTS}/{old['number']}").get_json()
    assert now["status"] == "issued" and now["origin"] == "replacement", now
    assert now["serial"] != old["serial"] and now["verification_code"] != old["verification_code"]
    assert "登记簿第" in now["origin_reason"]  # the registration is the reason
    was = api.get(f"{CERTS}/{old['number']}", query_string={"serial": old["serial"]}).get_json()
    assert was["status"] == "replaced" and was["replaced_by"] == now["serial"], was
    kinds = [e["kind"] for e in api.get(f"{LC}/{old['number']}/register").get_json()["items"]]
    assert kinds[-1] == "certificate"  # RG-01: the replacement is in the right's register
    audit = api.get(f"/api/v1/audit?entity=certificate&entity_id={old['number']}", as_="admin").get_json()
    assert "certificate.replaced" in [e["action"] for e in audit["items"]]
    return now


def _cancelled(api, old: dict) -> dict:
    now = api.get(f"{CERTS}/{old['number']}").get_json()
    assert now["serial"] == old["serial"] and now["status"] == "cancelled", now
    assert "登记簿第" in now["void_reason"]
    kinds = [e["kind"] for e in api.get(f"{LC}/{old['number']}/register").get_json()["items"]]
    assert kinds[-1] == "certificate"
    audit = api.get(f"/api/v1/audit?entity=certificate&entity_id={old['number']}", as_="admin").get_json()
    assert "certificate.cancelled" in [e["action"] for e in audit["items"]]
    return now


def _baby(app):
    return committed(app, lambda s: make_person(s, "王小宝", "1", TODAY - timedelta(days=3)).id_number)


# --- household changes: holders follow, the certificate is replaced -----------------------------------------


def test_a_birth_adds_a_co_holder_and_replaces_the_certificate_rg_02(api, app):
    c = contracted_family(app)
    old = _issue(api, c.contract_code)
    r = api.post(
        f"{HH}/{c.household_code}/members",
        {"id_number": _baby(app), "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"},
    )
    assert r.status_code == 201, r.get_json()
    new = _replaced(api, old)
    assert "王小宝" in [h["name"] for h in api.get(f"{LC}/{c.contract_code}").get_json()["right_holders"]]
    pdf = api.get(f"{CERTS}/{new['number']}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_a_member_who_leaves_replaces_the_certificate_rg_02(api, app):
    c = contracted_family(app)
    old = _issue(api, c.contract_code)
    r = api.post(
        f"{HH}/{c.household_code}/members/{c.id_numbers[1]}/leave",
        {"reason": "marriage_out", "evidence_ref": "结婚证 2026-8"},
    )
    assert r.status_code == 200, r.get_json()
    _replaced(api, old)


def test_a_household_change_without_a_certificate_issues_none_rg_02(api, app):
    c = contracted_family(app)
    api.post(
        f"{HH}/{c.household_code}/members",
        {"id_number": _baby(app), "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"},
    )
    assert api.get(f"{CERTS}/{c.contract_code}").status_code == 404  # 应发尽发 is its own command


def test_a_corrected_holder_name_replaces_the_certificate_rg_02(api, app):
    c = contracted_family(app)
    old = _issue(api, c.contract_code)
    r = api.post(
        f"/api/v1/persons/{c.id_numbers[1]}/corrections", {"name": "李秀瑛", "evidence_ref": "户口簿"}
    )
    assert r.status_code == 200, r.get_json()
    now = api.get(f"{CERTS}/{old['number']}").get_json()
    assert now["origin"] == "replacement" and now["serial"] != old["serial"]
    was = api.get(f"{CERTS}/{old['number']}", query_string={"serial": old["serial"]}).get_json()
    assert was["status"] == "replaced" and was["replaced_by"] == now["serial"]


def test_a_split_replaces_the_old_certificate_and_one_taking_all_land_cancels_it_rg_02(api, app):
    c = contracted_family(app, n_parcels=3)
    old = _issue(api, c.contract_code)
    r = api.post(
        f"{HH}/{c.household_code}/split",
        {"head_id_number": c.id_numbers[2], "parcel_codes": [c.parcel_codes[0]], "evidence_ref": "分户申请"},
    )
    assert r.status_code == 201, r.get_json()
    _replaced(api, old)
    d = contracted_family(app)
    old = _issue(api, d.contract_code)
    r = api.post(
        f"{HH}/{d.household_code}/split",
        {"head_id_number": d.id_numbers[2], "parcel_codes": d.parcel_codes, "evidence_ref": "分户申请"},
    )
    assert r.status_code == 201, r.get_json()
    _cancelled(api, old)


def test_a_merge_cancels_the_absorbed_contracts_certificate_and_replaces_this_one_rg_02(api, app):
    a, b = contracted_family(app), contracted_family(app)
    old_a, old_b = _issue(api, a.contract_code), _issue(api, b.contract_code)
    r = api.post(
        f"{HH}/{a.household_code}/merge",
        {"other_household_code": b.household_code, "evidence_ref": "合户申请"},
    )
    assert r.status_code == 200, r.get_json()
    _replaced(api, old_a)
    _cancelled(api, old_b)


# --- contract registrations ---------------------------------------------------------------------------------


def _transfer(api, code, to, parcels):
    return api.post(
        f"{LC}/{code}/transfers",
        {
            "to_household_code": to,
            "parcel_codes": parcels,
            "issuer_consent": True,
            "document_ref": "转让合同",
        },
    )


def test_a_transfer_of_some_parcels_replaces_both_certificates_and_of_all_cancels_rg_02(api, app):
    a, b = contracted_family(app), contracted_family(app)
    old_a, old_b = _issue(api, a.contract_code), _issue(api, b.contract_code)
    assert _transfer(api, a.contract_code, b.household_code, [a.parcel_codes[0]]).status_code == 201
    new_a = _replaced(api, old_a)
    _replaced(api, old_b)
    assert _transfer(api, a.contract_code, b.household_code, [a.parcel_codes[1]]).status_code == 201
    _cancelled(api, new_a)


def test_a_swap_replaces_both_certificates_rg_02(api, app):
    a, b = contracted_family(app), contracted_family(app)
    old_a, old_b = _issue(api, a.contract_code), _issue(api, b.contract_code)
    r = api.post(
        f"{LC}/{a.contract_code}/swaps",
        {
            "other_contract_code": b.contract_code,
            "parcel_codes": [a.parcel_codes[0]],
            "other_parcel_codes": [b.parcel_codes[0]],
        },
    )
    assert r.status_code == 201, r.get_json()
    _replaced(api, old_a)
    _replaced(api, old_b)


def test_a_termination_of_part_replaces_and_of_the_rest_cancels_rg_02(api, app):
    c = contracted_family(app)
    old = _issue(api, c.contract_code)
    body = {"reason": "expropriation", "document_ref": "征收决定 2026-1"}
    r = api.post(f"{LC}/{c.contract_code}/termination", {**body, "parcel_codes": [c.parcel_codes[0]]})
    assert r.status_code == 200, r.get_json()
    new = _replaced(api, old)
    assert api.post(f"{LC}/{c.contract_code}/termination", body).status_code == 200
    _cancelled(api, new)


def test_a_general_change_of_holders_replaces_the_certificate_rg_02(api, app):
    from registry.people.models import HouseholdMember

    c = contracted_family(app)
    old = _issue(api, c.contract_code)

    def add_baby(session):
        baby = make_person(session, "王小宝", "1", TODAY - timedelta(days=3))
        session.add(HouseholdMember(household_code=c.household_code, person_id=baby.id, relation="20"))

    committed(app, add_baby)
    assert api.post(f"{LC}/{c.contract_code}/holders", {}).status_code == 200
    _replaced(api, old)


def test_the_verification_page_shows_a_replaced_certificate_and_its_successor_rg_02(api, app, client):
    c = contracted_family(app)
    old = _issue(api, c.contract_code)
    api.post(
        f"{HH}/{c.household_code}/members",
        {"id_number": _baby(app), "relation": "20", "reason": "birth", "evidence_ref": "出生医学证明"},
    )
    new = api.get(f"{CERTS}/{c.contract_code}").get_json()
    page = client.get(f"/verify/{c.contract_code}?code={old['verification_code']}").get_data(as_text=True)
    assert 'data-result="superseded"' in page and 'data-status="replaced"' in page
    assert f'data-replaced-by="{new["serial"]}"' in page
    page = client.get(f"/verify/{c.contract_code}?code={new['verification_code']}").get_data(as_text=True)
    assert 'data-result="valid"' in page and "data-replaced-by" not in page


# --- homestead: a change of house or holder is a 换发, an ending a 注销 -------------------------------------


def test_a_homestead_change_records_a_replacement_not_a_cancellation_rg_02(api, app, homestead_world):
    from tests.factories import VILLAGE_A
    from tests.factories_homesteads import applicant, approved

    right = approved(api, applicant(app, VILLAGE_A))
    old = api.get(f"{CERTS}/{right['certificate_number']}").get_json()
    r = api.post(
        f"/api/v1/homestead-rights/{right['right_id']}/changes",
        {
            "kind": "house",
            "building_number": "00010001",
            "reason": "新建住宅竣工",
            "evidence_ref": "规划许可 2025-8",
        },
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    was = api.get(f"{CERTS}/{old['number']}", as_="reviewer").get_json()
    assert was["status"] == "replaced" and was["void_reason"].startswith("变更登记换发")
    now = api.get(f"{CERTS}/{was['replaced_by_number']}", as_="reviewer").get_json()
    assert now["number"].endswith("F00010001") and now["origin"] == "replacement"
    assert now["serial"] == was["replaced_by"] and now["status"] == "issued"
    audit = api.get(f"/api/v1/audit?entity=certificate&entity_id={now['number']}", as_="admin").get_json()
    assert [e["action"] for e in audit["items"]] == ["certificate.replaced"]
