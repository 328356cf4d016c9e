"""Chinese messages only in Chinese: no internal field name or English engine text inside a Chinese detail."""

from __future__ import annotations

import re

from tests.factories import VILLAGE_A
from tests.factories_membership import assembly_json
from tests.factories_parcels import bow_tie, feature

LATIN_WORD = re.compile(r"[A-Za-z_]{4,}")


def test_the_thresholds_refusal_names_the_fields_by_their_chinese_labels_mem_02(api):
    body = assembly_json(30, attended=10, votes_for=10, subject="other", decisions=[])
    r = api.post(f"/api/v1/collectives/{VILLAGE_A}/resolutions", body)
    problem = r.get_json()
    assert r.status_code == 422 and problem["rule"] == "MEM-02", problem
    assert (
        "votes_for" not in problem["detail"]
        and "赞成票数" in problem["detail"]
        and "出席人数" in problem["detail"]
    )
    assert not LATIN_WORD.search(problem["detail"]), problem["detail"]
    assert set(problem["errors"]) >= {"attended", "votes_for"}  # the machine-readable keys stay


def test_an_invalid_geometry_reason_is_given_in_chinese_par_01(api):
    r = api.post("/api/v1/parcels", feature(bow_tie(), VILLAGE_A), as_="clerk")
    problem = r.get_json()
    assert r.status_code == 422 and problem["rule"] == "PAR-01"
    assert "自相交" in problem["detail"] and "Self-intersection" not in problem["detail"]
    english = api.post("/api/v1/parcels?lang=en", feature(bow_tie(), VILLAGE_A), as_="clerk").get_json()
    assert "Self-intersection" in english["detail"]


def test_web_field_labels_cover_the_filing_receipts(app):
    from registry.web.labels import field_label

    with app.test_request_context("/"):
        assert field_label("township_ref") == "乡镇备案回执" and field_label("county_ref") == "县级备案回执"
