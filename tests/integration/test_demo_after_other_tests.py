"""The demo loads after any other test: the cleanup between tests empties the data but puts the reference
tables the migrations seed (the HS-02 homestead caps) back as they were migrated."""

from sqlalchemy import select

from registry.demo import load_demo
from registry.homesteads.models import HomesteadCap, HomesteadRight
from tests.factories_homesteads import seeded_caps


def _caps(session):
    return sorted(
        (c.province_code, c.terrain, c.land, float(c.cap_m2)) for c in session.scalars(select(HomesteadCap))
    )


def test_1_a_test_that_changes_the_seeded_caps(api, session):
    assert api.delete("/api/v1/homestead-caps/41/plain/any", as_="admin").status_code == 204
    assert api.put(
        "/api/v1/homestead-caps/42/hill/any", {"cap_m2": 99, "source": "x"}, as_="admin"
    ).status_code in (200, 201)
    session.expire_all()
    assert ("41", "plain", "any") not in {c[:3] for c in _caps(session)}


def test_2_the_next_test_finds_the_caps_as_migrated_and_the_whole_demo_loads(session):
    assert _caps(session) == sorted((p, t, land, float(cap)) for p, t, land, cap, _ in seeded_caps())
    lines = load_demo(session)
    assert any(line.startswith("homesteads:") for line in lines), lines
    assert session.scalar(select(HomesteadRight.id).limit(1)) is not None
