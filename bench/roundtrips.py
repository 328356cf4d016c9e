"""Round trips to PostgreSQL: every statement a block sends, counted by SQLAlchemy's `before_cursor_execute`.

Used by the benches (statements per request beside the timings) and by tests/integration/test_round_trips.py,
which pins upper bounds so a new lookup on a hot path shows up as a failing test.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import event


@contextlib.contextmanager
def counted(engine):
    """Yield a list that collects the SQL text of every statement sent on `engine` inside the block."""
    seen: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def first_words(statements: list[str], width: int = 90) -> str:
    """One line per statement, for printing what a request sends."""
    return "\n".join("  " + " ".join(s.split())[:width] for s in statements)


def statements_of(engine, fn, name: str) -> int:
    """Run fn once, print how many statements it sent (and which), return the number."""
    with counted(engine) as seen:
        fn()
    print(f"{name}: {len(seen)} statements per request\n{first_words(seen)}")
    return len(seen)
