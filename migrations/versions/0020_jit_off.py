"""The registry's database runs without JIT compilation (issue 18).

PostGIS declares its functions costly, so the planner's estimates of the registry's spatial statements pass
`jit_above_cost` (and the inlining and optimising thresholds) although each touches a handful of rows: the
one-parcel registration at 1,000,000 parcels spent about 590 of its 600 ms compiling expressions it then ran
once (EXPLAIN ANALYZE: the time sits in the first node that evaluates an expression, and a "JIT:" section).
The registry's statements are short OLTP reads and writes, and its long ones (bulk loads, county generation,
tiles) measured faster without JIT too, so it is off for the whole database: every session, the replica's
included (the setting lives in the replicated catalogue). Needs the database's owner, as every migration does.

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$")
    op.execute("SET jit = off")  # this session too: ALTER DATABASE reaches the sessions that start after it


def downgrade():
    op.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$")
    op.execute("RESET jit")
