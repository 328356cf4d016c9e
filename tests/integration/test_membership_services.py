"""Membership services on PostGIS: confirmation, the one-active rule, endings, RS-03 (service level)."""
from datetime import date, timedelta

import pytest

from registry.errors import Conflict, InvalidInput, RuleViolation
from registry.membership.models import Membership
from registry.membership import services
from tests.factories import VILLAGE_A, VILLAGE_B, make_person
from tests.factories_membership import MEETING, assembly, clerk_of, confirm, make_application


def test_a_resolution_meeting_every_threshold_confirms_a_member_mem_02(session, world):
    person = make_person(session)
    resolution, application = confirm(session, person, VILLAGE_A)
    m = services.active_membership(session, person.id)
    assert m.collective_code == VILLAGE_A and m.since == MEETING and m.resolution_id == resolution.id
    assert application.status == "confirmed"
    assert services.is_active_member(session, person.id, VILLAGE_A)
    assert services.active_member_count(session, VILLAGE_A) == 1
