"""The demo step certifies every registered right of the demo collectives, once (应发尽发, idempotent)."""

from registry.certificates.demo import demo_certificates
from tests import factories_certificates as fc


def test_demo_step_issues_each_missing_certificate_once(session, world):
    fc.contract(session)
    fc.homestead(session)
    data = {"collectives": [{"code": world.village_a}, {"code": world.village_b}]}
    assert demo_certificates(session, data) == "certificates: 2 new"
    assert demo_certificates(session, data) == "certificates: 0 new"
