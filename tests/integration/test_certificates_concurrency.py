"""RG-02 under real concurrency: two clerks issue the same right's certificate at the same moment, and two
reviewers re-issue it at once; each time exactly one certificate ends up in force, in one unbroken line."""

import threading

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from registry.certificates import services
from registry.certificates.models import Certificate
from registry.db import db
from registry.errors import RegistryError
from tests import factories_certificates as fc
from tests.factories import committed

ROUNDS = 5


def _race(app, work) -> list[str]:
    barrier, outcomes = threading.Barrier(2), []

    def run():
        with app.app_context():
            try:
                barrier.wait()
                work(db.session)
                db.session.commit()
                outcomes.append("done")
            except (RegistryError, SQLAlchemyError) as exc:
                db.session.rollback()
                outcomes.append(getattr(exc, "rule", None) or type(exc).__name__)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sorted(outcomes)


def _in_force(app, ref) -> int:
    with app.app_context():
        n = len(
            db.session.scalars(
                select(Certificate).where(Certificate.right_ref == ref, Certificate.status == "issued")
            ).all()
        )
        db.session.remove()
    return n


def test_concurrent_issues_of_one_right_leave_one_certificate_in_force_rg_02(app, world):
    for _ in range(ROUNDS):
        right = committed(app, fc.contract)
        outcomes = _race(app, lambda s: services.issue_certificate(s, fc.CLERK, "land_contract", right.ref))
        assert outcomes == ["RG-02", "done"], outcomes
        assert _in_force(app, right.ref) == 1


def test_concurrent_reissues_leave_one_certificate_in_force_rg_02(app, world):
    for _ in range(ROUNDS):
        plot = committed(app, fc.homestead)
        with app.app_context():
            services.issue_certificate(db.session, fc.REVIEWER, "homestead", plot.ref)
            db.session.commit()
            db.session.remove()
        outcomes = _race(app, lambda s: services.reissue_certificate(s, fc.REVIEWER, plot.ref, "遗失"))
        # The right's lock puts one after the other: the second re-issues what the first printed.
        assert outcomes == ["done", "done"], outcomes
        assert _in_force(app, plot.ref) == 1
        with app.app_context():
            line = db.session.scalars(
                select(Certificate).where(Certificate.number == plot.ref).order_by(Certificate.id)
            ).all()
            assert [c.status for c in line] == ["reissued", "reissued", "issued"]
            assert [c.replaces_id for c in line] == [None, line[0].id, line[1].id]
            db.session.remove()
