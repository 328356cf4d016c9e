"""MEM-01 under real concurrency: two collectives confirm the same person at the same moment, 20 times
over."""

import threading

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from registry.db import db
from registry.errors import RegistryError
from registry.membership.models import Membership
from registry.membership.services import adopt_resolution
from tests.factories import VILLAGE_A, VILLAGE_B, make_person
from tests.factories_membership import MEETING, assembly, clerk_of, make_application

ROUNDS = 20


def _prepare(app):
    with app.app_context():
        person = make_person(db.session)
        apps = {code: make_application(db.session, person, code).id for code in (VILLAGE_A, VILLAGE_B)}
        db.session.commit()
        result = person.id, apps
        db.session.remove()
    return result


def _confirm_in(app, code, application_id, barrier, outcomes):
    with app.app_context():
        try:
            barrier.wait()
            adopt_resolution(
                db.session,
                clerk_of(code),
                code,
                assembly(decisions=[{"application_id": application_id, "decision": "confirm"}]),
            )
            db.session.commit()
            outcomes[code] = "confirmed"
        except (
            RegistryError,
            SQLAlchemyError,
        ) as exc:  # recorded; the assertions below say none is acceptable
            db.session.rollback()
            outcomes[code] = repr(exc)
        finally:
            db.session.remove()


def test_two_concurrent_confirmations_leave_exactly_one_active_membership_mem_01(app, world):
    for _ in range(ROUNDS):
        person_id, apps = _prepare(app)
        barrier, outcomes = threading.Barrier(2), {}
        threads = [
            threading.Thread(target=_confirm_in, args=(app, code, apps[code], barrier, outcomes))
            for code in (VILLAGE_A, VILLAGE_B)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        # The per-person lock serializes the two: the second confirmation ends the first with acquired_other.
        assert outcomes == {VILLAGE_A: "confirmed", VILLAGE_B: "confirmed"}, outcomes
        with app.app_context():
            rows = db.session.scalars(select(Membership).where(Membership.person_id == person_id)).all()
            active = [m for m in rows if m.status == "active"]
            ended = [m for m in rows if m.status == "ended"]
            assert len(active) == 1 and len(ended) == 1
            assert ended[0].end_reason == "acquired_other" and ended[0].ended_on == MEETING
            assert ended[0].end_resolution_id == active[0].resolution_id
            db.session.remove()
    with app.app_context():
        per_person = db.session.execute(
            text(
                "SELECT max(n) FROM (SELECT count(*) n FROM memberships WHERE status = 'active' GROUP BY "
                "person_id) t"
            )
        ).scalar()
        assert per_person == 1
        assert db.session.scalar(select(func.count(Membership.id))) == 2 * ROUNDS
        db.session.remove()
