"""Homestead pages (HS-02 at the drawn plot, HS-04 approval after publicity), the certificates page with its
batch issue (RG-02), the reviewer's certification progress, and an eligible police confirmation (RS-01)."""

import json
from datetime import timedelta

from sqlalchemy import select

from registry.db import db
from registry.homesteads.models import HomesteadApplication, HomesteadRight
from tests.factories import VILLAGE_A, make_family
from tests.factories_homesteads import homestead_world, plot  # noqa: F401  (fixture)
from tests.web.conftest import text
from registry import clock


def _apply(web, household, m2=120.0, started=None, x=0):
    data = {"household_code": household, "geometry": json.dumps(plot(m2, x=x)), "terrain": "plain"}
    if started:
        data.update(publicity_start=started.isoformat(), publicity_evidence_ref="村务公开栏照片 2026-3")
    return web.post("/clerk/homesteads", data)


def _family(app):
    with app.app_context():
        household, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        return household.code, people[0].id_number


def test_a_plot_over_the_cap_is_refused_at_the_boundary_hs_02(web, app, homestead_world):  # noqa: F811
    household, _ = _family(app)
    web.login("clerk")
    r = _apply(web, household, m2=300.0)
    assert r.status_code == 422 and "HS-02" in text(r) and 'id="f-geometry"' in text(r)


def test_approval_waits_for_the_publicity_then_registers_the_right_hs_04(web, app, homestead_world):  # noqa: F811
    household, _number = _family(app)
    web.login("clerk")
    assert _apply(web, household).status_code == 302
    with app.app_context():
        early = db.session.scalar(select(HomesteadApplication.id))
    web.login("reviewer")
    r = web.post("/review/homesteads", {"application_id": str(early), "decision": "approve"})
    assert r.status_code == 409 and "HS-04" in text(r)

    household2, number2 = _family(app)
    web.login("clerk")
    assert _apply(web, household2, started=clock.today() - timedelta(days=8), x=2).status_code == 302
    with app.app_context():
        ready = db.session.scalar(
            select(HomesteadApplication.id).where(HomesteadApplication.household_code == household2)
        )
    web.login("reviewer")
    r = web.post("/review/homesteads", {"application_id": str(ready), "decision": "approve", "note": "同意"})
    assert r.status_code == 302 and "已登记" in text(web.get("/review/homesteads"))
    web.login("clerk")
    assert "JC" in text(web.get(f"/clerk/households/{household2}"))

    web.login("police")
    card = text(web.post("/police/", {"id_number": number2, "collective_code": VILLAGE_A}))
    assert "符合条件：可以迁入" in card


def test_certificates_page_lists_missing_and_issues_in_batches_rg_02(web, app, homestead_world):  # noqa: F811
    household, _ = _family(app)
    web.login("clerk")
    _apply(web, household, started=clock.today() - timedelta(days=8))
    with app.app_context():
        application = db.session.scalar(select(HomesteadApplication.id))
    web.login("reviewer")
    web.post("/review/homesteads", {"application_id": str(application), "decision": "approve"})
    page = text(web.get("/review/progress"))
    assert "<svg" in page and "东村股份经济合作社" in page
    with app.app_context():
        unit = db.session.scalar(select(HomesteadRight.unit_code))
    web.login("clerk")
    page = text(web.get("/clerk/certificates"))
    waiting = json.loads(page.split('id="waiting-items">')[1].split("</script>")[0])
    if waiting:  # the 应发尽发 batch, as the page's button sends it
        r = web.post_json(
            "/clerk/certificates/issue", {"items": [{"kind": k, "ref": ref} for k, ref in waiting]}
        )
        assert all(x["status"] == 201 for x in r.get_json()["results"])
    assert f"/clerk/certificates/{unit}.pdf" in text(web.get("/clerk/certificates"))
    r = web.post_json(
        "/clerk/certificates/issue",
        {"items": [{"kind": "land_contract", "ref": household + "J"}, {"kind": "homestead", "ref": unit}]},
    )
    no_right, has_one = r.get_json()["results"]
    assert (
        no_right["status"] >= 400 and no_right["rule"] == "RG-02" and no_right["detail"]
    )  # no contract registered: no certificate
    assert (
        has_one["status"] >= 400 and has_one["rule"] == "RG-02" and has_one["ref"] == unit
    )  # one in force already
    pdf = web.get(f"/clerk/certificates/{unit}.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
