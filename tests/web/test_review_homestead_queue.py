"""The reviewer's homestead queue (HS-04) shows the applicant household head's name, the plot drawn to scale
(a static SVG, no script) and links to the application and its household; another county's reviewer gets
neither (SEC-01)."""

from __future__ import annotations

import json
import re

from tests.factories_homesteads import homestead_world, plot  # noqa: F401  (fixture)
from tests.web.test_homestead_cert_pages import _family
from tests.web.conftest import text


def test_the_queue_names_the_head_draws_the_plot_and_links_the_application_hs_04(web, app, homestead_world):  # noqa: F811
    household, _ = _family(app)
    web.login("clerk")
    r = web.post(
        "/clerk/homesteads",
        {"household_code": household, "geometry": json.dumps(plot(120.0)), "terrain": "plain"},
    )
    assert r.status_code == 302
    web.login("reviewer")
    page = text(web.get("/review/homesteads"))
    row = page.split("<tbody>")[1].split("</tbody>")[0]
    assert (
        "王建国" in row and "东村股份经济合作社" in row
    )  # the head of the household and the collective by name
    assert (
        '<svg class="plot-thumb"' in row
        and re.search(r'<path d="M-?[\d.]+,-?[\d.]+ L', row)
        and " m</text>" in row
    )
    link = re.search(r'href="(/review/homesteads/(\d+))#household"', row)
    assert link
    detail = text(web.get(link.group(1)))
    assert 'id="household"' in detail and "王建国" in detail and 'class="plot-thumb"' in detail
    assert "********" in detail.split('id="household"')[1]  # members' numbers masked (SEC-02)
    web.login("reviewer_other")
    assert web.get(link.group(1)).status_code == 403
