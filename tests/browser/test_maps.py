"""The maps in Chromium on the demo county: the clerk's parcel map opens readable on 东关村's contract land
(not on
its homesteads 6 km away), the search box flies to a parcel and shows its card, the contract picker's list
pages
and stays in step with the map, and the reviewer's county map draws the outlines coloured by certification
progress from the tiles. Screenshots in test-output/maps-*.png."""

from __future__ import annotations

import pytest

from registry.db import db
from registry.demo import load_demo
from tests.browser.conftest import shot, sign_in

DONGGUAN = "41012210000100"  # the test world's VILLAGE_A, the demo's 东关村


@pytest.fixture
def demo(app, world):
    with app.app_context():
        load_demo(db.session)
        db.session.commit()
        db.session.remove()


def _extent(page) -> list[float]:
    return [float(v) for v in page.get_attribute("#map", "data-extent").split(",")]


def _tiles_drawn(page) -> bool:
    return page.evaluate("document.querySelectorAll('#map canvas').length > 0")


def test_the_parcel_map_opens_readable_on_the_contract_land(page, demo):
    sign_in(page, "clerk")
    page.goto("/clerk/parcels")
    page.wait_for_load_state("networkidle")
    west, south, east, north = _extent(page)
    assert east - west < 0.01 and north - south < 0.01  # the fields, not the village core 6 km away
    assert west < 113.905 and east < 113.95
    assert _tiles_drawn(page)
    shot(page, "maps-clerk-parcel-map-demo")


def test_the_search_box_flies_to_a_parcel_and_shows_its_card(page, demo):
    sign_in(page, "clerk")
    page.goto("/clerk/parcels")
    page.wait_for_selector("#parcel-search li[data-code]")
    page.fill("#i-parcel-search", "王建国")
    page.locator("#parcel-search li").filter(has_not_text="王建国").first.wait_for(state="detached")
    hit = page.locator("#parcel-search li").first
    assert "王建国" in hit.inner_text() and not page.is_visible("#parcel-search button.more")  # one page
    code = hit.get_attribute("data-code")
    hit.locator("button.search-hit").click()
    page.wait_for_selector("#parcel-card:not([hidden])")
    assert page.inner_text("#parcel-card h3") == code
    page.wait_for_timeout(900)  # the fly-to animation
    page.wait_for_load_state("networkidle")
    shot(page, "maps-clerk-search")
    page.fill("#i-parcel-search", "没有这个地块")
    page.wait_for_selector("#parcel-search .search-status:has-text('未找到地块')")


def test_the_contract_picker_list_pages_and_keeps_in_step_with_the_map(page, demo):
    sign_in(page, "clerk")
    page.goto("/clerk/contracts/new")
    page.wait_for_selector("#parcel-search li[data-code]")
    rows = page.locator("#parcel-search li")
    assert rows.count() == 20 and page.is_visible("#parcel-search button.more")
    page.click("#parcel-search button.more")
    rows.nth(20).wait_for()
    assert page.locator("#parcel-search li input.pick:disabled").count() > 0  # held parcels cannot be chosen
    free = page.locator("#parcel-search li:has(input.pick:enabled)").first
    code = free.get_attribute("data-code")
    free.locator("input.pick").click()
    assert page.inner_text("#chosen") == code and page.inner_text("#chosen-count") == "1"
    free.locator("button.search-hit").click()  # the map flies to it, drawn orange
    page.wait_for_timeout(900)
    page.wait_for_load_state("networkidle")
    shot(page, "maps-contract-picker")
    box = page.locator("#map").bounding_box()  # a click on the chosen parcel at the centre lets it go again
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.inner_text("#chosen-count") == "0"
    assert not page.locator(f'#parcel-search li[data-code="{code}"] input.pick').is_checked()


def test_the_county_map_draws_outlines_by_certification_progress(page, demo):
    sign_in(page, "reviewer")
    page.goto("/review/map")
    page.wait_for_load_state("networkidle")
    assert _tiles_drawn(page) and page.is_visible("#map-legend")
    shot(page, "maps-county-progress")
    page.fill("#i-parcel-search", "西关")
    page.fill("#i-parcel-search", "")
    page.wait_for_selector("#parcel-search li[data-code]")
    page.locator("#parcel-search li button.search-hit").first.click()
    page.wait_for_selector("#parcel-card:not([hidden])")
    page.wait_for_timeout(900)
    page.wait_for_load_state("networkidle")
    shot(page, "maps-county-parcel")
