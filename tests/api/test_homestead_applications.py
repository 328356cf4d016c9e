"""Filing homestead applications through HTTP: HS-01, HS-02, HS-03, HS-05, HS-06, PAR-01/02 and publicity."""

from datetime import timedelta

import pytest

from registry.collectives.models import Collective
from tests.factories import GROUP_A1, ORIGIN, VILLAGE_A, VILLAGE_B, make_household, make_member, make_person
from tests.factories_homesteads import (
    GUANGDONG_VILLAGE,
    PUBLICITY_DAYS,
    ZHEJIANG_VILLAGE,
    applicant,
    apply,
    body,
    homestead_world,
    load_farmland,
    plot,
    seed,
)
from registry import clock

pytestmark = pytest.mark.usefixtures("homestead_world")
URL = "/api/v1/homestead-applications"
assert homestead_world


def test_an_application_starts_publicity_today_with_its_area_and_plot_code(api, app):
    household = applicant(app, VILLAGE_A)
    r = api.post(URL, body(household, m2=120))
    assert r.status_code == 201, r.get_json()
    a = r.get_json()
    assert a["status"] == "publicity"
    assert a["publicity_start"] == clock.today().isoformat()
    assert a["publicity_ends"] == (clock.today() + timedelta(days=PUBLICITY_DAYS)).isoformat()
    assert 119 < a["area_m2"] < 121 and a["cap_m2"] == 134.0  # 河南 plain
    assert a["parcel_code"] == VILLAGE_A[:12] + "JC00001" and len(a["parcel_code"]) == 19
    assert a["crs"] == "EPSG:4490" and a["geometry"]["type"] == "MultiPolygon"


def test_plot_codes_follow_the_sub_zone_sequence_shared_by_its_groups(api, app):
    first = apply(api, applicant(app, VILLAGE_A))
    second = apply(api, applicant(app, GROUP_A1), x=1, as_="admin")
    assert first["parcel_code"] == "410122100001JC00001"
    assert second["parcel_code"] == "410122100001JC00002" and second["collective_code"] == GROUP_A1


def test_a_past_publicity_start_needs_its_evidence(api, app):
    household = applicant(app, VILLAGE_A)
    start = (clock.today() - timedelta(days=3)).isoformat()
    r = api.post(URL, {**body(household), "publicity_start": start})
    assert r.status_code == 422 and "publicity_evidence_ref" in r.get_json()["errors"]
    r = api.post(
        URL, {**body(household), "publicity_start": start, "publicity_evidence_ref": "公示照片 2025-3"}
    )
    assert r.status_code == 201
    assert r.get_json()["publicity_ends"] == (clock.today() + timedelta(days=PUBLICITY_DAYS - 3)).isoformat()


# --- HS-01 one household, one homestead ------------------------------------------------------------------


def test_an_open_application_blocks_a_second_one_hs_01(api, app):
    household = applicant(app, VILLAGE_A)
    first = apply(api, household)
    r = api.post(URL, body(household, x=1))
    assert r.status_code == 409
    assert r.get_json()["rule"] == "HS-01" and r.get_json()["conflicts"] == [first["id"]]


def test_an_active_right_blocks_a_new_application_hs_01(api, app):
    household = applicant(app, VILLAGE_A)
    a = apply(api, household, days_ago=PUBLICITY_DAYS)
    approved = api.post(f"{URL}/{a['id']}/approve", {}, as_="reviewer").get_json()
    r = api.post(URL, body(household, x=1))
    assert r.status_code == 409 and r.get_json()["rule"] == "HS-01"
    assert r.get_json()["conflicts"] == [approved["unit_code"]]


def test_a_rejected_application_leaves_the_household_free_to_apply_again_hs_01(api, app):
    household = applicant(app, VILLAGE_A)
    a = apply(api, household)
    r = api.post(f"{URL}/{a['id']}/reject", {"reason": "规划不符"}, as_="reviewer")
    assert r.status_code == 200 and r.get_json()["status"] == "rejected"
    again = apply(api, household)  # the same plot: the rejected one left the current map
    assert again["parcel_code"] != a["parcel_code"]


def test_two_households_may_each_apply_hs_01(api, app):
    apply(api, applicant(app, VILLAGE_A))
    apply(api, applicant(app, VILLAGE_A), x=1)


# --- HS-02 area cap by province and terrain --------------------------------------------------------------

CAPS = [
    (VILLAGE_A, "plain", False, 134),
    (VILLAGE_A, "hill", False, 167),
    (VILLAGE_A, "mountain", False, 200),
    (GUANGDONG_VILLAGE, "plain", False, 80),
    (GUANGDONG_VILLAGE, "hill", False, 120),
    (GUANGDONG_VILLAGE, "mountain", False, 150),
    (ZHEJIANG_VILLAGE, "plain", True, 125),
    (ZHEJIANG_VILLAGE, "hill", True, 125),
    (ZHEJIANG_VILLAGE, "plain", False, 140),
    (ZHEJIANG_VILLAGE, "hill", False, 140),
    (ZHEJIANG_VILLAGE, "mountain", False, 160),
    (ZHEJIANG_VILLAGE, "mountain", True, 125),
]


@pytest.mark.parametrize("village,terrain,arable,cap", CAPS)
def test_the_provincial_cap_for_the_terrain_hs_02(api, app, village, terrain, arable, cap):
    household = applicant(app, village)
    r = api.post(URL, body(household, m2=cap * 1.02, terrain=terrain, on_arable_land=arable), as_="admin")
    assert r.status_code == 422, r.get_json()
    assert r.get_json()["rule"] == "HS-02" and "geometry" in r.get_json()["errors"]
    r = api.post(URL, body(household, m2=cap * 0.98, terrain=terrain, on_arable_land=arable), as_="admin")
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["cap_m2"] == cap


def test_an_unlisted_province_takes_the_default_caps_hs_02(api, app):
    village = "51012210100100"  # 四川: not seeded
    seed(
        app,
        lambda s: s.add(Collective(code=village, name="四川某村", level="village", county_code=village[:6])),
    )
    household = applicant(app, village)
    assert api.post(URL, body(household, m2=85), as_="admin").get_json()["rule"] == "HS-02"
    assert api.post(URL, body(household, m2=78), as_="admin").get_json()["cap_m2"] == 80


def test_an_admin_changes_a_cap_and_applications_follow_it_hs_02(api, app):
    household = applicant(app, VILLAGE_A)
    assert api.post(URL, body(household, m2=140)).get_json()["rule"] == "HS-02"
    r = api.put("/api/v1/homestead-caps/41/plain/any", {"cap_m2": 150, "source": "新办法"}, as_="clerk")
    assert r.status_code == 403
    r = api.put("/api/v1/homestead-caps/41/plain/any", {"cap_m2": 150, "source": "新办法"}, as_="admin")
    assert r.status_code == 200 and r.get_json()["cap_m2"] == 150
    assert api.post(URL, body(household, m2=140)).status_code == 201
    caps = api.get("/api/v1/homestead-caps").get_json()["items"]
    assert [
        c["cap_m2"] for c in caps if (c["province_code"], c["terrain"], c["land"]) == ("41", "plain", "any")
    ] == [150.0]


def test_cap_input_is_checked_hs_02(api):
    assert api.put("/api/v1/homestead-caps/41/plain/any", {"cap_m2": -3}, as_="admin").status_code == 422
    r = api.put("/api/v1/homestead-caps/4x/plain/any", {"cap_m2": 100}, as_="admin")
    assert r.status_code == 422 and "province_code" in r.get_json()["errors"]
    assert api.put("/api/v1/homestead-caps/41/valley/any", {"cap_m2": 100}, as_="admin").status_code == 422
    assert api.delete("/api/v1/homestead-caps/00/plain/any", as_="admin").status_code == 409
    assert api.delete("/api/v1/homestead-caps/41/plain/any", as_="admin").status_code == 204


# --- HS-03 the household includes an active member of the owning collective -------------------------------


def test_a_household_without_an_active_member_is_refused_hs_03(api, app):
    household = applicant(app, VILLAGE_A, members=False)
    r = api.post(URL, body(household))
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-03"
    assert "household_code" in r.get_json()["errors"]


def test_members_of_another_collective_do_not_count_hs_03(api, app):
    household = applicant(app, VILLAGE_B)
    r = api.post(URL, {**body(household), "collective_code": VILLAGE_A}, as_="clerk")
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-03"


def test_a_group_household_of_village_members_applies_for_village_land_hs_03(api, app):
    def build(s):
        p = make_person(s, "钱二")
        make_member(s, p, VILLAGE_A)
        return make_household(s, GROUP_A1, p).code

    household = seed(app, build)
    assert (
        api.post(URL, body(household), as_="admin").get_json()["rule"] == "HS-03"
    )  # group land: not a member
    a = apply(api, household, collective_code=VILLAGE_A)
    assert a["collective_code"] == VILLAGE_A and a["household_code"] == household


# --- HS-05 no new homestead after selling, renting out or giving away the house ---------------------------


@pytest.mark.parametrize("kind", ["sale", "rent", "gift"])
def test_a_household_that_disposed_of_its_house_cannot_apply_hs_05(api, app, kind):
    household = applicant(app, VILLAGE_A)
    r = api.post(
        f"/api/v1/households/{household}/house-transfers",
        {"kind": kind, "date": "2024-05-01", "evidence_ref": "房屋买卖合同 2024-17", "counterparty": "李四"},
    )
    assert r.status_code == 201 and r.get_json()["kind"] == kind
    r = api.post(URL, body(household))
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-05"
    listed = api.get(f"/api/v1/households/{household}/house-transfers", as_="reviewer").get_json()
    assert listed["total"] == 1


def test_a_household_with_no_house_transfer_applies_hs_05(api, app):
    other = applicant(app, VILLAGE_A)
    api.post(
        f"/api/v1/households/{other}/house-transfers",
        {"kind": "sale", "date": "2024-05-01", "evidence_ref": "合同"},
    )
    assert apply(api, applicant(app, VILLAGE_A))["status"] == "publicity"


def test_house_transfer_input_is_checked_hs_05(api, app):
    household = applicant(app, VILLAGE_A)
    url = f"/api/v1/households/{household}/house-transfers"
    assert api.post(url, {"kind": "lease", "date": "2024-05-01", "evidence_ref": "x"}).status_code == 422
    future = (clock.today() + timedelta(days=3)).isoformat()
    assert api.post(url, {"kind": "sale", "date": future, "evidence_ref": "x"}).status_code == 422
    assert (
        api.post(url, {"kind": "sale", "date": "2024-05-01", "evidence_ref": "x"}, as_="clerk_b").status_code
        == 403
    )


# --- HS-06 not on basic farmland --------------------------------------------------------------------------


def test_a_plot_on_loaded_basic_farmland_is_refused_hs_06(api, app):
    seed(
        app,
        lambda s: load_farmland(
            s, ORIGIN[0] - 0.001, ORIGIN[1] - 0.001, ORIGIN[0] + 0.0005, ORIGIN[1] + 0.0005
        ),
    )
    household = applicant(app, VILLAGE_A)
    r = api.post(URL, body(household))
    assert r.status_code == 422 and r.get_json()["rule"] == "HS-06"
    assert api.post(URL, body(household, x=2)).status_code == 201  # beside the layer


def test_without_a_loaded_layer_no_plot_is_on_basic_farmland_hs_06(api, app):
    assert apply(api, applicant(app, VILLAGE_A))["status"] == "publicity"


# --- PAR-01 / PAR-02 through the parcels area --------------------------------------------------------------


def test_an_invalid_plot_is_refused_with_the_reason_par_01(api, app):
    household = applicant(app, VILLAGE_A)
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[113.9, 34.7], [113.9001, 34.7001], [113.9001, 34.7], [113.9, 34.7001], [113.9, 34.7]]
        ],
    }
    r = api.post(URL, {**body(household), "geometry": bow_tie})
    assert r.status_code == 422 and r.get_json()["rule"] == "PAR-01" and "geometry" in r.get_json()["errors"]
    unclosed = plot()
    unclosed["coordinates"][0].pop()
    assert api.post(URL, {**body(household), "geometry": unclosed}).get_json()["rule"] == "PAR-01"


def test_an_overlapping_plot_is_refused_with_the_conflicting_code_par_02(api, app):
    first = apply(api, applicant(app, VILLAGE_A))
    r = api.post(URL, body(applicant(app, VILLAGE_A)))
    assert r.status_code == 409 and r.get_json()["rule"] == "PAR-02"
    assert r.get_json()["conflicts"] == [first["parcel_code"]]


def test_a_plot_in_a_gauss_krueger_zone_is_transformed_par_01(api, app):
    from pyproj import Transformer

    t = Transformer.from_crs("EPSG:4490", "EPSG:4547", always_xy=True)  # CGCS2000 3° zone CM 114E
    x, y = t.transform(*ORIGIN)
    ring = [[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]]
    a = apply(
        api, applicant(app, VILLAGE_A), geometry={"type": "Polygon", "coordinates": [ring]}, crs="EPSG:4547"
    )
    assert 99 < a["area_m2"] < 101


# --- scope and input ------------------------------------------------------------------------------------


def test_a_clerk_files_only_for_their_collective_sec_01(api, app):
    household = applicant(app, VILLAGE_A)
    assert api.post(URL, body(household), as_="clerk_b").status_code == 403
    assert api.post(URL, body(household), as_="reviewer").status_code == 403


def test_bad_input_is_422_naming_the_field(api, app):
    household = applicant(app, VILLAGE_A)
    r = api.post(URL, {**body(household), "terrain": "valley"})
    assert r.status_code == 422 and "terrain" in r.get_json()["errors"]
    r = api.post(URL, {"household_code": household})
    assert r.status_code == 422 and "geometry" in r.get_json()["errors"]
    assert api.post(URL, {**body(household), "household_code": "12"}).status_code == 422
    assert api.post(URL, body(VILLAGE_A + "0999")).status_code == 404
