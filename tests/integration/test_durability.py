"""The embedded cluster under instance/ keeps committed records through a crash: PostgreSQL's durable
defaults.
Only the throwaway test clusters run with fsync off."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from registry.pgcluster import LocalCluster, instance_cluster

SETTINGS = ("fsync", "full_page_writes", "synchronous_commit")


def test_the_test_cluster_is_throwaway_and_fast(cluster):
    if cluster is None:
        pytest.skip("TEST_DATABASE_URL is set")
    assert [cluster.setting(s) for s in SETTINGS] == ["off", "off", "off"]


def test_the_instance_cluster_runs_durable_even_when_an_older_run_left_it_fast():
    base = Path(tempfile.mkdtemp(prefix="registry-durable-"))
    os.chmod(base, 0o755)
    try:
        LocalCluster(base, durable=False).start()  # what the embedded cluster used to run with
        embedded = instance_cluster(base)
        embedded.start()
        assert [embedded.setting(s) for s in SETTINGS] == ["on", "on", "on"]
    finally:
        LocalCluster(base).destroy()
        shutil.rmtree(base, ignore_errors=True)
