"""No injection: script planted in every free-text field a clerk fills (person names, parcel names and
boundaries, contract register reasons and documents, homestead objections, references) reaches every page as
text. Chromium opens each page that shows them; no dialog opens, the payload's flag stays unset, and no
element of the payload exists in the page (the CSP would block a handler too: the text itself must be inert).
"""

from __future__ import annotations

from datetime import date

from registry import clock

from registry.auth.actor import SYSTEM
from registry.contracts.services import register_contract
from registry.contracts.terms import last_day
from registry.db import db
from registry.homesteads.models import HomesteadCap
from tests import factories_homesteads as fh
from tests.browser.conftest import shot, sign_in
from tests.factories import VILLAGE_A, ApiClient, make_family, make_parcel, square

IMG = '<img src=x onerror="window.__xss=1;alert(1)">'
SCRIPT = "<script>window.__xss=2;alert(2)</script>"
PAYLOAD = "张" + IMG + SCRIPT


def _plant(app, world) -> dict:
    with app.app_context():
        s = db.session
        for province, terrain, land, cap, source in fh.seeded_caps():
            s.merge(
                HomesteadCap(
                    province_code=province,
                    terrain=terrain,
                    land=land,
                    cap_m2=cap,
                    source=source,
                    updated_by="test",
                )
            )
        household, people = make_family(s, VILLAGE_A)
        for p in people:
            p.name = PAYLOAD
        sides = {side: PAYLOAD for side in ("east", "south", "west", "north")}
        parcels = [make_parcel(s, VILLAGE_A, square(i * 0.0006, 0), name=PAYLOAD) for i in range(2)]
        for p in parcels:
            p.boundaries = sides
        make_parcel(s, VILLAGE_A, square(0.0018, 0), name=PAYLOAD)  # a free one, for the contract map
        contract = register_contract(
            s,
            SYSTEM,
            household_code=household.code,
            method="110",
            land_type="arable",
            start_date=date(2020, 1, 1),
            end_date=last_day(date(2020, 1, 1), 30),
            parcel_codes=[p.code for p in parcels],
            document_ref=PAYLOAD,
        )
        other, _ = make_family(s, VILLAGE_A)
        s.commit()
        codes = {"household": household.code, "contract": contract.contract.code, "other": other.code}
    api = ApiClient(app.test_client(), world)
    application = fh.apply(
        api,
        codes["other"],
        x=5,
        y=5,
        publicity_evidence_ref=PAYLOAD,
        publicity_start=clock.today().isoformat(),
    )
    r = api.post(f"/api/v1/homestead-applications/{application['id']}/objections", {"text": PAYLOAD})
    assert r.status_code == 201, r.get_json()
    codes["application"] = application["id"]
    return codes


def _inert(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss === undefined"), url
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0, url
    assert page.evaluate("Array.from(document.scripts).every(s => !s.text.includes('__xss'))"), url


def test_planted_markup_is_shown_as_text_on_every_page(page, app, world):
    codes = _plant(app, world)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in(page, "clerk")
    for url in [
        "/clerk/",
        "/clerk/roster",
        "/clerk/households",
        f"/clerk/households/{codes['household']}",
        "/clerk/membership",
        "/clerk/contracts",
        "/clerk/contracts/new",
        f"/clerk/contracts/{codes['contract']}",
        "/clerk/homesteads",
        f"/clerk/homesteads/{codes['application']}",
        "/clerk/certificates",
        "/clerk/parcels",
    ]:
        _inert(page, url)
    # the parcel map draws from vector tiles: labels are painted on the canvas as text, and the parcel card is
    # built by RegistryTiles.card from DOM text nodes — fed the planted name, it shows it as text
    shown = page.evaluate(
        """(name) => { const el = document.getElementById('parcel-card');
        RegistryTiles.card(el, name, [['name', name]]); el.hidden = false;
        return [el.textContent, el.querySelectorAll('img, script').length]; }""",
        PAYLOAD,
    )
    assert IMG in shown[0] and shown[1] == 0
    assert page.evaluate("window.__xss === undefined")
    shot(page, "security-injection-parcel-map")
    sign_in(page, "reviewer")
    for url in ["/review/", "/review/homesteads"]:
        _inert(page, url)
    assert dialogs == []
