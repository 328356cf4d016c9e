"""People and places in the browser: the administrator names a police station (display name); its slip shows
that name and, for a 不符合 answer, what the applicant can do next without the cause (RS-02); the hukou list
shows the person masked (SEC-02); the reviewer's homestead queue shows the head's name, the plot drawn to
scale
and links to the application with its household (HS-04)."""

from __future__ import annotations

import json

from registry import clock
from registry.db import db
from tests.browser.conftest import shot, sign_in
from tests.factories import VILLAGE_A, make_family
from tests.factories_homesteads import homestead_world, plot  # noqa: F401  (fixture)


def _family(app):
    with app.app_context():
        household, people = make_family(db.session, VILLAGE_A)
        db.session.commit()
        return household.code, [(p.name, p.id_number) for p in people]


def test_admin_names_the_station_and_its_slip_says_what_to_do_next_rs_02(page, app):
    _, people = _family(app)
    sign_in(page, "admin")
    page.goto("/admin/users/police")
    page.fill("#i-display_name", "城关派出所")
    page.click('button:has-text("修改显示名称")')
    page.wait_for_load_state("networkidle")
    page.goto("/admin/users")
    assert "城关派出所" in page.inner_text("table.list")
    shot(page, "admin-users-display-name")
    page.click('button:has-text("退出登录")')
    sign_in(page, "police")
    page.fill("#i-id_number", people[0][1])
    page.select_option("#i-collective_code", VILLAGE_A)
    page.click('button:has-text("查询")')
    card = page.locator("#confirmation-card")
    card.wait_for()
    text = card.inner_text()
    assert "不符合条件" in text and "城关派出所" in text and "police" not in text
    steps = page.inner_text("#next-steps")
    assert "东村股份经济合作社" in steps and "RS-01" in steps and "不说明未满足哪一项条件" in steps
    assert people[0][0] not in page.content()  # the person's name is never on the slip
    shot(page, "police-slip-not-eligible")


def test_the_hukou_list_shows_the_person_masked_sec_02(page, app):
    _, people = _family(app)
    name, number = people[2]
    sign_in(page, "police")
    page.goto("/police/hukou")
    page.fill("#i-id_number", number)
    page.select_option("#i-kind", "urban_settlement")
    page.fill("#i-date", clock.today().isoformat())
    page.click("#i-collective_code >> xpath=ancestor::form >> button[type=submit]")
    page.wait_for_load_state("networkidle")
    row = page.inner_text("table.list tbody tr >> nth=0")
    assert number[:6] + "********" + number[-4:] in row and number not in row
    assert name[0] + "*" in row and name not in row
    shot(page, "police-hukou-list")


def test_reviewer_sees_the_head_the_plot_and_opens_the_household_hs_04(
    page,
    app,
    homestead_world,  # noqa: F811 (the fixture imported above)
):
    from registry.auth.actor import Actor
    from registry.homesteads.applications import file_application

    household, people = _family(app)
    with app.app_context():
        file_application(
            db.session,
            Actor("clerk", "clerk", VILLAGE_A),
            {
                "household_code": household,
                "geometry": json.loads(json.dumps(plot(120))),
                "terrain": "plain",
                "on_arable_land": False,
            },
            publicity_days=7,
        )
        db.session.commit()
    sign_in(page, "reviewer")
    page.click('nav.sidenav a:has-text("宅基地审批")')
    row = page.locator("table.list tbody tr").first
    assert people[0][0] in row.inner_text() and "东村股份经济合作社" in row.inner_text()
    box = row.locator("svg.plot-thumb").bounding_box()
    assert box and box["width"] > 50 and box["height"] > 40
    shot(page, "review-homestead-queue")
    row.locator(f'a:has-text("{people[0][0]}")').click()
    page.locator("#household").wait_for()
    assert people[1][0] in page.inner_text("#household")
    assert people[1][1] not in page.content()  # numbers masked (SEC-02)
    shot(page, "review-homestead-application")
