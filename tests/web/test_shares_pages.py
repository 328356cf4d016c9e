"""Shares pages: quantification by a plan (SH-01), distributions with the allocation table and CSV (SH-04),
the reserve minimum refused at its field, approval before the inspection ends refused (SH-05)."""

from datetime import timedelta

from registry.auth.actor import Actor
from registry.db import db
from registry.membership.resolutions import adopt_resolution
from tests.factories import VILLAGE_A, make_family
from tests.web.conftest import text
from registry import clock

CLERK = Actor("clerk", "clerk", VILLAGE_A)


def _resolution(app, subject):
    with app.app_context():
        meeting = clock.today()
        r = adopt_resolution(
            db.session,
            CLERK,
            VILLAGE_A,
            {
                "body": "assembly",
                "subject": subject,
                "notice_date": meeting - timedelta(days=12),
                "meeting_date": meeting,
                "members_total": 6,
                "members_with_capacity": 6,
                "attended": 6,
                "votes_for": 6,
                "decisions": [],
            },
        )
        db.session.commit()
        return r.id


def _quantified(app, web):
    with app.app_context():
        make_family(db.session, VILLAGE_A)
        make_family(db.session, VILLAGE_A)
        db.session.commit()
    plan = _resolution(app, "share_plan")
    web.login("clerk")
    r = web.post(
        "/clerk/shares",
        {"action": "plan", "resolution_id": str(plan), "shares_per_member": "10", "management": "static"},
    )
    assert r.status_code == 302


def test_clerk_quantifies_shares_by_the_adopted_plan_sh_01(web, app):
    _quantified(app, web)
    page = text(web.get("/clerk/shares"))
    assert page.count('<td class="num">30</td>') == 2 and ">60<" in page  # two households of three members


def test_distribution_shows_the_allocation_table_and_csv_sh_04(web, app):
    _quantified(app, web)
    r = web.post(
        "/clerk/shares",
        {"action": "distribution", "year": "2025", "net_income_fen": "10000.01", "reserve_ratio": "0.30"},
    )
    assert r.status_code == 302
    page = text(web.get("/clerk/shares"))
    assert (
        "10,000.01" in page and "3,000.01" in page and "7,000.00" in page
    )  # reserve rounded up to whole fen
    distribution_id = page.split("/clerk/shares/distributions/")[1].split('"')[0]
    detail = text(web.get(f"/clerk/shares/distributions/{distribution_id}"))
    assert detail.count("3,500.00") == 2 and detail.count("7,000.00") == 2  # two households; the sum twice
    csv = web.get(f"/clerk/shares/distributions/{distribution_id}.csv")
    body = csv.get_data(as_text=True)
    assert csv.mimetype == "text/csv" and "承包方编码" in body and body.count("3500.00") == 2


def test_a_reserve_below_the_charter_minimum_is_refused_at_its_field_sh_04(web, app):
    _quantified(app, web)
    r = web.post(
        "/clerk/shares",
        {"action": "distribution", "year": "2025", "net_income_fen": "10000", "reserve_ratio": "0.20"},
    )
    page = text(r)
    assert (
        r.status_code == 422 and "SH-04" in page and 'id="f-reserve_ratio"' in page and "field-error" in page
    )


def test_approving_during_the_inspection_is_refused_sh_05(web, app):
    _quantified(app, web)
    web.post(
        "/clerk/shares",
        {"action": "distribution", "year": "2025", "net_income_fen": "10000", "reserve_ratio": "0.30"},
    )
    page = text(web.get("/clerk/shares"))
    distribution_id = page.split("/clerk/shares/distributions/")[1].split('"')[0]
    resolution = _resolution(app, "distribution")
    r = web.post(f"/clerk/shares/distributions/{distribution_id}", {"resolution_id": str(resolution)})
    assert r.status_code == 409 and "SH-05" in text(r)
