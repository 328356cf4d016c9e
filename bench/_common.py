"""Shared by the benchmarks: a throwaway PostGIS cluster with the schema migrated, and timing helpers."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry import create_app  # noqa: E402
from registry.pgcluster import LocalCluster  # noqa: E402


@contextlib.contextmanager
def throwaway_app():
    """Yield (app, database_url) on a fresh cluster; everything is removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="registry-bench-"))
    os.chmod(base, 0o755)
    cluster = LocalCluster(base, durable=False)
    cluster.start()
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": cluster.url(), "TESTING": True})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
        yield app, cluster.url()
    finally:
        cluster.destroy()
        shutil.rmtree(base, ignore_errors=True)


def timed(fn, repeat: int) -> list[float]:
    """Run fn `repeat` times; return the durations in milliseconds."""
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(name: str, ms: list[float]) -> dict:
    ms = sorted(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    fig = {"name": name, "n": len(ms), "median_ms": statistics.median(ms), "p99_ms": p99}
    print(f"{name:<48} n={len(ms):<6} median={fig['median_ms']:.3f} ms  p99={p99:.3f} ms")
    return fig
