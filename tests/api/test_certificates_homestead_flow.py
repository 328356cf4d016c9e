"""A homestead approval issues its certificate through the certificates area: the number it answers is a
certificate the API, the PDF and the public page know; ending the right cancels it (RG-02, RG-01)."""

import pytest

from tests.factories import VILLAGE_A
from tests.factories_homesteads import applicant, approved, homestead_world

pytestmark = pytest.mark.usefixtures("homestead_world")
assert homestead_world


def test_the_approval_certificate_is_one_of_the_certificates_rg_02(api, app):
    out = approved(api, applicant(app, VILLAGE_A))
    cert = api.get(f"/api/v1/certificates/{out['certificate_number']}").get_json()
    assert cert["kind"] == "homestead" and cert["right_ref"] == out["unit_code"] == cert["number"]
    assert cert["verification_code"] == out["verification_code"] and cert["status"] == "issued"
    assert cert["serial"].startswith("豫（") and cert["serial"].endswith("号")
    page = api.client.get(f"/verify/{cert['number']}?code={out['verification_code']}")
    assert 'data-result="valid"' in page.text
    pdf = api.get(f"/api/v1/certificates/{cert['number']}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    register = api.get(f"/api/v1/homestead-rights/{out['right_id']}/register").get_json()
    assert [e["kind"] for e in register["entries"]] == ["first"]
    assert register["state"]["certificate_number"] == cert["number"]


def test_a_reissue_of_a_homestead_certificate_is_in_the_homestead_register_rg_01(api, app):
    out = approved(api, applicant(app, VILLAGE_A))
    number = out["certificate_number"]
    r = api.post(f"/api/v1/certificates/{number}/reissue", {"reason": "遗失"}, as_="reviewer")
    assert r.status_code == 201
    register = api.get(f"/api/v1/homestead-rights/{out['right_id']}/register").get_json()
    assert [e["kind"] for e in register["entries"]] == ["first", "certificate"]
    reason = register["entries"][-1]["reason"]
    assert reason.startswith("补发") and reason.endswith("遗失")
    old = api.client.get(f"/verify/{out['certificate_number']}?code={out['verification_code']}")
    assert 'data-result="superseded"' in old.text


def test_ending_the_right_cancels_its_certificate_rg_02(api, app):
    out = approved(api, applicant(app, VILLAGE_A))
    r = api.post(
        f"/api/v1/homestead-rights/{out['right_id']}/cancellation",
        {"cause": "expropriated", "basis_ref": "豫政土征〔2025〕8号"},
        as_="reviewer",
    )
    assert r.status_code == 200, r.get_json()
    cert = api.get(f"/api/v1/certificates/{out['certificate_number']}").get_json()
    assert cert["status"] == "cancelled" and cert["void_reason"]
    page = api.client.get(f"/verify/{out['certificate_number']}?code={out['verification_code']}")
    assert 'data-result="cancelled"' in page.text
    again = api.post(
        "/api/v1/certificates", {"kind": "homestead", "right_ref": out["unit_code"]}, as_="reviewer"
    )
    assert again.status_code == 422 and again.get_json()["rule"] == "RG-02"
