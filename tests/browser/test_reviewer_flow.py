"""A county reviewer, in the browser, approves a surrender flagged after an urban settlement (UR-04): the
approval is refused until the attestation is ticked, then goes through."""

from registry.auth.actor import Actor
from registry.contracts.services import register_contract
from registry.contracts.surrender import file_surrender
from registry.contracts.terms import add_months, last_day
from registry.db import db
from registry.exits.models import Exit
from registry.settlement.hukou import record_hukou_event
from tests.browser.conftest import shot, sign_in
from tests.factories import VILLAGE_A, make_family, make_parcel, square
from registry import clock

CLERK = Actor("clerk", "clerk", VILLAGE_A)
POLICE = Actor("police", "police", VILLAGE_A[:6])


def _flagged_surrender(app) -> int:
    """A household with a contract whose daughter settled in town; then the household surrenders its land."""
    with app.app_context():
        household, people = make_family(db.session, VILLAGE_A)
        parcel = make_parcel(db.session, VILLAGE_A, square(0, 0))
        today = clock.today()
        register_contract(
            db.session,
            CLERK,
            household_code=household.code,
            method="110",
            land_type="arable",
            start_date=today,
            end_date=last_day(today, 30),
            parcel_codes=[parcel.code],
        )
        record_hukou_event(db.session, POLICE, people[2].id_number, "urban_settlement", today)
        ex = file_surrender(
            db.session,
            CLERK,
            household.code + "J",
            notice_date=today,
            effective_date=add_months(today, 6),
            compensation_fen=3_000_000,
            statement_ref="交回申请书 2026-015",
            reason="全家外出经营，自愿交回",
            holder_id_number=None,
            notice_months=6,
            linkage_days=180,
            co_holder_statements=[
                {"id_number": p.id_number, "statement_ref": "书面同意"} for p in people[1:]
            ],
        )  # UR-06
        db.session.commit()
        assert ex.linkage_flag
        return ex.id


def test_reviewer_approves_flagged_exit_only_after_attestation_ur_04(page, app):
    exit_id = _flagged_surrender(app)
    sign_in(page, "reviewer")
    assert page.url.endswith("/review/")
    page.check('input[name="flagged"]')
    page.click('button:has-text("筛选")')
    row = page.locator("table.list tbody tr.flagged")
    assert row.count() == 1 and "落户关联" in row.inner_text()
    shot(page, "reviewer-queue")
    row.locator("a").first.click()
    assert "交回申请书 2026-015" in page.content() and "30,000.00" in page.content()

    page.fill("#i-note", "经核实系自愿")
    page.click('button[value="approve"]')
    page.wait_for_selector("#refusal")
    assert "UR-04" in page.inner_text("#refusal")
    assert "已标记的退出须作此确认" in page.inner_text("#f-attest_voluntary")
    shot(page, "reviewer-refused-without-attestation")
    with app.app_context():
        assert db.session.get(Exit, exit_id).status == "pending_review"

    page.check("#i-attest_voluntary")
    page.click('button[value="approve"]')
    page.wait_for_selector(".flash")
    assert "此事项已作出决定" in page.content() and "已确认系自愿" in page.content()
    with app.app_context():
        ex = db.session.get(Exit, exit_id)
        assert ex.status == "approved" and ex.attested_voluntary
    shot(page, "reviewer-approved")
    page.click("text=进城落户关联报告")
    assert page.locator("table.list tbody tr").count() == 1
    shot(page, "reviewer-linkage-report")
