"""Settings the migrations give the registry's database (issue 18: JIT compiling cost the one-parcel
registration 590 of its 600 ms at 1,000,000 parcels)."""

import psycopg


def test_every_new_session_runs_without_jit(app, database_url):
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        assert conn.execute("SHOW jit").fetchone()[0] == "off"


def test_a_costly_spatial_statement_plans_without_jit(app, database_url):
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        conn.execute("SET jit_above_cost = 0")  # would JIT-compile anything, were JIT on
        plan = conn.execute(
            "EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM parcels "
            "WHERE ST_Intersects(geom, ST_MakeEnvelope(113, 34, 114, 35, 4490))"
        ).fetchone()[0][0]
    assert "JIT" not in plan
