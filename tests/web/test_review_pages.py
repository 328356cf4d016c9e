"""Reviewer pages: the queue with filters, an item with its evidence and the UR-04 attestation, the report."""

from datetime import timedelta

from sqlalchemy import select

from registry.db import db
from registry.exits.models import Exit
from registry.reviews.models import ReviewItem
from registry.settlement.models import HukouEvent
from tests.factories import VILLAGE_A, VILLAGE_B, make_family
from tests.web.conftest import text
from registry import clock


def _exit(session, collective, flagged: bool) -> ReviewItem:
    """A filed exit as file_exit leaves it (its own tests are the settlement area's); here only the pages."""
    household, people = make_family(session, collective)
    event = None
    if flagged:
        event = HukouEvent(
            person_id=people[2].id,
            kind="urban_settlement",
            date=clock.today() - timedelta(days=20),
            collective_code=collective,
            household_code=household.code,
            recorded_by="police",
        )
        session.add(event)
        session.flush()
    ex = Exit(
        right_kind="land_contract",
        ref=household.code + "J",
        collective_code=collective,
        household_code=household.code,
        holder_person_id=people[0].id,
        compensation_fen=1_234_56,
        statement_ref="书面申请 2026-07",
        reason="自愿交回承包地",
        filed_on=clock.today(),
        linkage_flag=flagged,
        settlement_event_id=event.id if event else None,
        filed_by="clerk",
    )
    session.add(ex)
    session.flush()
    item = ReviewItem(
        kind="exit:land_contract",
        subject=ex.ref,
        subject_id=ex.id,
        county_code=collective[:6],
        collective_code=collective,
        linkage_flag=flagged,
        status="pending",
    )
    session.add(item)
    session.flush()
    return item


def test_queue_filters_flagged_items(web, app):
    with app.app_context():
        flagged = _exit(db.session, VILLAGE_A, True).id
        plain = _exit(db.session, VILLAGE_B, False).id
        db.session.commit()
    web.login("reviewer")
    page = text(web.get("/review/"))
    assert f'/review/items/{flagged}"' in page and f'/review/items/{plain}"' in page
    page = text(web.get("/review/?flagged=1"))
    assert f'/review/items/{flagged}"' in page and f'/review/items/{plain}"' not in page
    page = text(web.get(f"/review/?collective={VILLAGE_B}"))
    assert f'/review/items/{plain}"' in page and f'/review/items/{flagged}"' not in page


def test_item_shows_evidence_flag_and_attestation_ur_04(web, app):
    with app.app_context():
        item = _exit(db.session, VILLAGE_A, True).id
        db.session.commit()
    web.login("reviewer")
    page = text(web.get(f"/review/items/{item}"))
    assert "书面申请 2026-07" in page and "1,234.56" in page and "UR-04" in page
    assert 'name="attest_voluntary"' in page and "20" in page


def test_approving_a_flagged_exit_without_attestation_is_refused_ur_04(web, app):
    with app.app_context():
        item = _exit(db.session, VILLAGE_A, True).id
        db.session.commit()
    web.login("reviewer")
    r = web.post(f"/review/items/{item}", {"decision": "approve", "note": "同意"})
    page = text(r)
    assert r.status_code == 422 and "UR-04" in page and "已标记的退出须作此确认" in page
    assert page.index('id="f-attest_voluntary"') < page.rindex(
        "已标记的退出须作此确认"
    )  # beside the checkbox
    with app.app_context():
        assert db.session.scalar(select(Exit.status)) == "pending_review"


def test_rejecting_closes_the_item(web, app):
    with app.app_context():
        item = _exit(db.session, VILLAGE_A, True).id
        db.session.commit()
    web.login("reviewer")
    r = web.post(f"/review/items/{item}", {"decision": "reject", "note": "材料不全"})
    assert r.status_code == 302
    assert "此事项已作出决定" in text(web.get(f"/review/items/{item}"))
    with app.app_context():
        assert db.session.scalar(select(Exit.status)) == "rejected"


def test_linkage_report_lists_flagged_exits_with_days(web, app):
    with app.app_context():
        _exit(db.session, VILLAGE_A, True)
        _exit(db.session, VILLAGE_A, False)
        db.session.commit()
    web.login("reviewer")
    page = text(web.get("/review/linkage"))
    assert "共 1 项标记的退出" in page and ">20<" in page


def test_a_reviewer_of_another_county_cannot_open_the_item_sec_01(web, app):
    with app.app_context():
        item = _exit(db.session, VILLAGE_A, True).id
        db.session.commit()
    web.login("reviewer_other")
    assert web.get(f"/review/items/{item}").status_code == 403
