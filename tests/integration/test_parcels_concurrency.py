"""PAR-02 under concurrency: two real transactions on two connections register overlapping parcels at the same
moment; exactly one wins, twenty times in a row. Each writer pauses between its overlap check and its insert,
so without the lock both checks would pass and both parcels would be stored."""

import threading
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.auth.actor import Actor
from registry.db import db
from registry.errors import Conflict
from registry.parcels import services
from registry.parcels.models import Parcel
from tests.factories import VILLAGE_A, VILLAGE_B
from tests.factories_parcels import metre_box

CLERK_A = Actor("clerk", "clerk", VILLAGE_A)
CLERK_B = Actor("clerk_b", "clerk", VILLAGE_B)


@pytest.fixture
def slow_check(monkeypatch):
    original = services.check_and_number

    def check_then_pause(session, actor, geom, collective_code, *, allocate):
        result = original(session, actor, geom, collective_code, allocate=allocate)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(services, "check_and_number", check_then_pause)


def _race(app, writers) -> list:
    """Run each (actor, collective, ring) in its own thread, session and transaction, started together."""
    barrier = threading.Barrier(len(writers))
    outcomes = [None] * len(writers)

    def run(k, actor, collective, ring):
        from registry.parcels.geometry import to_cgcs2000

        with app.app_context(), Session(db.engine) as session:
            geom = to_cgcs2000({"type": "Polygon", "coordinates": [ring]}, None)
            barrier.wait()
            try:
                outcomes[k] = services.register_parcel(session, actor, geom, collective_code=collective).code
                session.commit()
            except Conflict as err:
                session.rollback()
                outcomes[k] = err

    threads = [threading.Thread(target=run, args=(k, *w)) for k, w in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


@pytest.mark.parametrize("round_", range(20))
def test_two_concurrent_overlapping_writers_exactly_one_wins_par_02(app, world, slow_check, round_):
    # different collectives on purpose: the lock must not be per collective
    x = round_ * 100.0
    outcomes = _race(
        app,
        [(CLERK_A, VILLAGE_A, metre_box(x, 0, 30, 30)), (CLERK_B, VILLAGE_B, metre_box(x + 10, 10, 30, 30))],
    )
    won = [o for o in outcomes if isinstance(o, str)]
    lost = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert lost[0].rule == "PAR-02" and lost[0].conflicts == won
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Parcel)) == 1
