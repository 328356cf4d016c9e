"""A clerk, in the browser: signs in, registers a household, confirms its members through an assembly
resolution, draws a parcel on the map and registers the household's contract on it."""

from datetime import timedelta

from tests.browser.conftest import shot, sign_in
from tests.factories import make_id_number
from registry import clock

PEOPLE = [("赵建华", "1", ""), ("孙丽", "2", "10"), ("赵小雨", "2", "30")]


def test_clerk_registers_household_confirms_members_draws_parcel_and_contract(page):
    numbers = [make_id_number(sex=sex) for _, sex, _ in PEOPLE]
    sign_in(page, "clerk")
    assert page.url.endswith("/clerk/")

    # 1. the household, its persons registered on the way
    page.click("text=登记农户")
    for i, ((name, _, relation), number) in enumerate(zip(PEOPLE, numbers)):
        page.fill(f'[name="members.{i}.id_number"]', number)
        page.fill(f'[name="members.{i}.name"]', name)
        if relation:
            page.select_option(f'[name="members.{i}.relation"]', relation)
    page.click('button:has-text("登记该农户")')
    page.wait_for_selector(".flash")
    household = page.url.rstrip("/").rsplit("/", 1)[1]
    assert "赵建华" in page.content() and "非成员" in page.content()

    # 2. applications, then the assembly's resolution with the art. 27 check shown before submitting
    for number in numbers:
        page.goto("/clerk/membership")
        page.fill("#i-id_number", number)
        page.select_option("#i-basis", "original")
        page.click('button:has-text("提交申请")')
        page.wait_for_selector(".flash")
    page.click("text=记录成员身份确认决议")
    page.fill("#i-notice_date", (clock.today() - timedelta(days=15)).isoformat())
    page.fill("#i-members_total", "3")
    page.fill("#i-members_with_capacity", "3")
    page.fill("#i-attended", "2")
    page.fill("#i-votes_for", "2")
    assert page.locator('[data-check="quorum"]').get_attribute("class") == "ok"  # 2 of 3 is 2/3 exactly
    page.fill("#i-attended", "1")
    assert page.locator('[data-check="quorum"]').get_attribute("class") == "no"
    assert page.is_visible('[data-when="no"]')
    page.fill("#i-attended", "3")
    page.fill("#i-votes_for", "3")
    assert page.is_visible('[data-when="ok"]')
    shot(page, "clerk-resolution-check")
    page.click('button:has-text("记录决议")')
    page.wait_for_selector(".flash")
    page.goto("/clerk/roster?status=active")
    assert page.locator("table.list tbody tr").count() == 3

    # 3. a parcel drawn on the map
    page.goto("/clerk/parcels")
    page.wait_for_selector(".leaflet-pm-toolbar")
    page.click(".leaflet-pm-icon-polygon")
    box = page.locator("#map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 80, cy - 60), (cx + 90, cy - 70), (cx + 80, cy + 60), (cx - 90, cy + 70)]
    for x, y in corners:
        page.mouse.click(x, y)
    page.mouse.click(*corners[0])  # closing the ring on the first vertex finishes the polygon
    assert '"Polygon"' in page.input_value("#i-geometry")
    page.fill("#i-name", "村东大田")
    page.click('button:has-text("登记地块")')
    page.wait_for_selector(".flash")
    assert "地块" in page.inner_text(".flash") and "平方米" in page.inner_text(".flash")
    page.wait_for_selector("#parcel-card:not([hidden])")
    shot(page, "clerk-parcel-map")
    parcel_code = page.inner_text("#parcel-card h3")

    # 4. the contract, its parcel chosen on the map (the map opens on it) and in the list beside it, in step
    page.goto(f"/clerk/contracts/new?household={household}")
    page.wait_for_selector(f'#parcel-search li[data-code="{parcel_code}"]')
    page.wait_for_load_state("networkidle")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.inner_text("#chosen") == parcel_code
    tick = page.locator(f'#parcel-search li[data-code="{parcel_code}"] input.pick')
    assert tick.is_checked()
    tick.click()
    assert page.inner_text("#chosen") == "" and page.inner_text("#chosen-count") == "0"
    tick.click()
    assert page.inner_text("#chosen") == parcel_code and float(page.inner_text("#chosen-area")) > 0
    shot(page, "clerk-contract-choose")
    page.click('button:has-text("登记该合同")')
    page.wait_for_selector(".flash")
    assert page.url.endswith(f"/clerk/contracts/{household}J")
    assert parcel_code in page.content() and "首次登记" in page.content()
    shot(page, "clerk-contract")
    page.goto(f"/clerk/households/{household}")
    assert f"{household}J" in page.content()
    page.goto("/clerk/")
    shot(page, "clerk-dashboard")

    # 5. 应发尽发: the new contract gets its certificate in the batch run, with the progress shown
    page.goto("/clerk/certificates")
    assert f"{household}J" in page.inner_text("#waiting-list")
    page.click("#issue-start")
    page.wait_for_selector("#issue-status:has-text('完成')")
    assert page.locator("#issue-progress > div").get_attribute("style").endswith("100%;")
    shot(page, "clerk-certificates-batch")
    page.goto("/clerk/certificates")
    assert page.locator(f'a[href="/clerk/certificates/{household}J.pdf"]').count() == 1
