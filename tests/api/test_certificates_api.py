"""Certificates over HTTP: issue, read, PDF, 补发/换发/注销, and the public verification page (RG-02)."""

from __future__ import annotations

import re

from tests import factories_certificates as fc
from tests.factories import committed
from registry import clock


def _issue(api, right, as_="clerk"):
    r = api.post("/api/v1/certificates", {"kind": right.kind, "right_ref": right.ref}, as_=as_)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_issue_and_read_a_land_contract_certificate_rg_02(app, api):
    right = committed(app, fc.contract)
    made = _issue(api, right)
    r = api.get(f"/api/v1/certificates/{right.ref}")
    assert r.status_code == 200
    body = r.get_json()
    assert {k: body[k] for k in ("number", "kind", "right_ref", "status", "issued_on")} == {
        "number": right.ref,
        "kind": "land_contract",
        "right_ref": right.ref,
        "status": "issued",
        "issued_on": clock.today().isoformat(),
    }
    assert body["verification_code"] == made["verification_code"]
    assert re.fullmatch(r"豫（\d{4}）中牟县农村土地承包经营权证第\d{6}号", body["serial"])
    assert api.get(f"/api/v1/certificates/{right.ref}", as_="reviewer").status_code == 200


def test_issuing_from_an_unregistered_right_is_refused_rg_02(app, api):
    r = api.post("/api/v1/certificates", {"kind": "homestead", "right_ref": "410122100001JC99999W00000000"})
    assert r.status_code == 422 and r.get_json()["rule"] == "RG-02"
    assert "right_ref" in r.get_json()["errors"]


def test_a_second_issue_is_refused_while_one_is_in_force_rg_02(app, api):
    right = committed(app, fc.contract)
    _issue(api, right)
    r = api.post("/api/v1/certificates", {"kind": right.kind, "right_ref": right.ref})
    assert r.status_code == 409 and r.get_json()["rule"] == "RG-02"


def test_bad_kind_is_unprocessable(app, api):
    r = api.post("/api/v1/certificates", {"kind": "house", "right_ref": "x"})
    assert r.status_code == 422 and "kind" in r.get_json()["errors"]


def test_reads_follow_scope(app, api):
    right = committed(app, fc.contract)
    _issue(api, right)
    for user in ("clerk_b", "reviewer_other", "police"):
        assert api.get(f"/api/v1/certificates/{right.ref}", as_=user).status_code == 403, user
    assert api.get(f"/api/v1/certificates/{right.ref}.pdf", as_="clerk_b").status_code == 403
    assert api.get("/api/v1/certificates/410122100001000099J").status_code == 404
    assert api.client.get(f"/api/v1/certificates/{right.ref}").status_code == 401


def test_pdf_of_each_kind(app, api):
    contract = committed(app, fc.contract)
    plot = committed(app, fc.homestead)
    _issue(api, contract)
    _issue(api, plot, as_="reviewer")
    for ref in (contract.ref, plot.ref):
        r = api.get(f"/api/v1/certificates/{ref}.pdf")
        assert r.status_code == 200 and r.mimetype == "application/pdf"
        assert r.data.startswith(b"%PDF")


def test_reissue_voids_the_old_code_on_the_verification_page_rg_02(app, api):
    right = committed(app, fc.contract)
    old = _issue(api, right)
    page = api.client.get(f"/verify/{right.ref}?code={old['verification_code']}")
    assert page.status_code == 200 and "有效" in page.text and 'data-result="valid"' in page.text
    by_clerk = api.post(f"/api/v1/certificates/{right.ref}/reissue", {"reason": "遗失"})
    assert by_clerk.status_code == 403
    r = api.post(f"/api/v1/certificates/{right.ref}/reissue", {"reason": "遗失"}, as_="reviewer")
    assert r.status_code == 201
    new = r.get_json()
    assert new["origin"] == "reissue" and new["verification_code"] != old["verification_code"]
    stale = api.client.get(f"/verify/{right.ref}?code={old['verification_code']}")
    assert 'data-result="superseded"' in stale.text and "已失效" in stale.text
    fresh = api.client.get(f"/verify/{right.ref}?code={new['verification_code']}")
    assert 'data-result="valid"' in fresh.text
    history = api.get(f"/api/v1/certificates/{right.ref}/history").get_json()
    assert [i["status"] for i in history["items"]] == ["reissued", "issued"]


def test_replacement_and_cancellation_rg_02(app, api):
    plot = committed(app, fc.homestead)
    _issue(api, plot, as_="reviewer")
    r = api.post(f"/api/v1/certificates/{plot.ref}/replacement", {"reason": "证书破损"}, as_="reviewer")
    assert r.status_code == 201 and r.get_json()["origin"] == "replacement"
    code = r.get_json()["verification_code"]
    missing = api.post(f"/api/v1/certificates/{plot.ref}/cancellation", {}, as_="reviewer")
    assert missing.status_code == 422 and "reason" in missing.get_json()["errors"]
    blank = api.post(f"/api/v1/certificates/{plot.ref}/cancellation", {"reason": " "}, as_="reviewer")
    assert blank.status_code == 422 and blank.get_json()["rule"] == "RG-02"
    done = api.post(f"/api/v1/certificates/{plot.ref}/cancellation", {"reason": "权利注销"}, as_="reviewer")
    assert done.status_code == 200 and done.get_json()["status"] == "cancelled"
    page = api.client.get(f"/verify/{plot.ref}?code={code}")
    assert 'data-result="cancelled"' in page.text and "已注销" in page.text
    again = api.post(f"/api/v1/certificates/{plot.ref}/reissue", {"reason": "遗失"}, as_="reviewer")
    assert again.status_code == 409 and again.get_json()["rule"] == "RG-02"


def test_verification_page_shows_only_the_masked_holder_and_the_right_code(app, api):
    right = committed(app, fc.contract)
    made = _issue(api, right)
    page = api.client.get(f"/verify/{right.ref}?code={made['verification_code'].lower()}")
    assert page.status_code == 200
    assert "王**" in page.text and right.ref in page.text
    for name in right.names:
        assert name not in page.text
    unknown = api.client.get(f"/verify/{right.ref}?code=WRONGCODE234")
    assert unknown.status_code == 404 and "无法核验" in unknown.text and "王**" not in unknown.text
    nobody = api.client.get("/verify/410122100001000099J?code=ABCDEFGH2345")
    assert nobody.status_code == 404 and 'data-result="unknown"' in nobody.text
    ask = api.client.get(f"/verify/{right.ref}")
    assert ask.status_code == 200 and "核验码" in ask.text and "王**" not in ask.text


def test_list_is_scoped(app, api):
    right = committed(app, fc.contract)
    _issue(api, right)
    mine = api.get("/api/v1/certificates").get_json()
    assert mine["total"] == 1 and mine["items"][0]["number"] == right.ref
    assert "verification_code" not in mine["items"][0]
    assert api.get("/api/v1/certificates", as_="clerk_b").get_json()["total"] == 0
    assert api.get("/api/v1/certificates", as_="reviewer").get_json()["total"] == 1
    assert (
        api.get(
            f"/api/v1/certificates?collective_code={right.household_code[:14]}", as_="clerk_b"
        ).status_code
        == 403
    )


def test_cli_issues_every_registered_right_without_a_certificate(app, api):
    done = committed(app, fc.contract)
    todo = committed(app, fc.contract)
    plot = committed(app, fc.homestead)
    _issue(api, done)
    result = app.test_cli_runner().invoke(args=["certificates", "issue", "--collective", api.world.village_a])
    assert result.exit_code == 0, result.output
    assert f"collective {api.world.village_a}: 2 certificates issued" in result.output
    assert todo.ref in result.output and plot.ref in result.output and done.ref not in result.output
    again = app.test_cli_runner().invoke(args=["certificates", "issue", "--collective", api.world.village_a])
    assert "0 certificates issued" in again.output
    bad = app.test_cli_runner().invoke(args=["certificates", "issue", "--collective", "123"])
    assert bad.exit_code != 0
