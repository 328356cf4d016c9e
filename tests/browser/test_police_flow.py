"""A police station, in the browser, asks whether a person may settle into a collective and gets the
printable confirmation card (RS-01, RS-02)."""
from registry.db import db
from tests.browser.conftest import shot, sign_in
from tests.factories import VILLAGE_A, make_family


def test_police_gets_a_confirmation_card(page, app):
    with app.app_context():
        _, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        number = people[1].id_number
    sign_in(page, "police")
    assert page.url.endswith("/police/")
    page.fill("#i-id_number", number)
    page.select_option("#i-collective_code", VILLAGE_A)
    page.click('button:has-text("查询")')
    card = page.locator("#confirmation-card")
    card.wait_for()
    text = card.inner_text()
    assert "RS410122" in text and "RS-01" in text and "有效期至" in text and "验证码" in text
    assert number not in page.content()  # the card shows the number masked (SEC-02)
    shot(page, "police-confirmation")
    page.emulate_media(media="print")
    assert not page.is_visible("nav.sidenav") and page.is_visible("#confirmation-card")
    shot(page, "police-confirmation-print")
