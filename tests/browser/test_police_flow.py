"""A police station, in the browser, asks whether a person may settle into a collective and gets the
printable confirmation card (RS-01, RS-02): eligible for a member whose household holds a homestead there."""

import json
from datetime import timedelta

from registry.auth.actor import Actor
from registry.db import db
from registry.homesteads.applications import approve_application, file_application
from tests.browser.conftest import shot, sign_in
from tests.factories import COUNTY, VILLAGE_A, make_family
from tests.factories_homesteads import homestead_world, plot  # noqa: F401  (fixture)
from registry import clock

CLERK = Actor("clerk", "clerk", VILLAGE_A)
REVIEWER = Actor("reviewer", "reviewer", COUNTY)


def _member_with_homestead(app) -> str:
    with app.app_context():
        household, people = make_family(db.session, VILLAGE_A)
        application = file_application(
            db.session,
            CLERK,
            {
                "household_code": household.code,
                "geometry": json.loads(json.dumps(plot(120))),
                "terrain": "plain",
                "on_arable_land": False,
                "publicity_start": clock.today() - timedelta(days=8),
                "publicity_evidence_ref": "村务公开栏照片",
            },
            publicity_days=7,
        )
        approve_application(db.session, REVIEWER, application.id)
        db.session.commit()
        return people[1].id_number


def test_police_gets_a_confirmation_card(page, app, homestead_world):  # noqa: F811
    number = _member_with_homestead(app)
    sign_in(page, "police")
    assert page.url.endswith("/police/")
    page.fill("#i-id_number", number)
    page.select_option("#i-collective_code", VILLAGE_A)
    page.click('button:has-text("查询")')
    card = page.locator("#confirmation-card")
    card.wait_for()
    text = card.inner_text()
    assert "符合条件：可以迁入" in text and "RS-01" in text and "有效期至" in text and "验证码" in text
    assert number not in page.content()  # the card shows the number masked (SEC-02)
    assert page.locator("#next-steps").count() == 0  # next steps only for a 不符合 answer
    shot(page, "police-confirmation")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.sidenav") and page.is_visible("#confirmation-card")
    shot(page, "police-confirmation-print")
