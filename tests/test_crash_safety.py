"""Fault injection: SIGKILL a real `claims run` at chosen moments, rerun, and check nothing was lost.

Each run pauses at a named pause point (pipelines/faults.py) only when told to, so the
kill lands exactly during extraction, inside the load transaction, after the release
folder is built, or after the snapshot is swapped but before `latest` moves.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines import release
from pipelines.faults import PAUSE_AT, PAUSE_MARKER
from pipelines.settings import Paths

from .conftest import SAMPLES, run_job

pytestmark = pytest.mark.slow

FIRST, SECOND = "2026-11-01", "2026-11-02"
FIRST_INPUT = sorted(SAMPLES.glob("0*.txt"))
SECOND_INPUT = sorted(SAMPLES.glob("1*.txt"))
KEYS = {"documents": "doc_id", "claims": "claim_id", "mentions": "mention_id", "entities": "entity_id",
        "claim_mentions": "claim_id || mention_id", "rejected_documents": "source_uri || reason"}


def release_contents(home: Path) -> dict[str, list[str]]:
    """The latest release's rows, by key, sorted: what a consumer would download."""
    latest = Paths(home).latest_release
    with duckdb.connect() as db:
        return {table: [r[0] for r in db.execute(
                    f"SELECT {key} FROM '{latest / f'{table}.parquet'}' ORDER BY 1").fetchall()]
                for table, key in KEYS.items()}


@pytest.fixture(scope="module")
def first_published(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("first")
    assert run_job(home, FIRST, FIRST_INPUT).success
    return home


@pytest.fixture(scope="module")
def uninterrupted(first_published, tmp_path_factory) -> dict[str, list[str]]:
    home = tmp_path_factory.mktemp("uninterrupted")
    shutil.copytree(first_published, home, dirs_exist_ok=True, symlinks=True)
    assert run_job(home, SECOND, SECOND_INPUT).success
    return release_contents(home)


@pytest.fixture(scope="module")
def dagster_home(tmp_path_factory) -> Path:
    """One temp instance for every killed run (created once, ~4 s): each `claims run` must first
    free the pool slot the run killed before it may still hold, or wait for ever."""
    return tmp_path_factory.mktemp("dagster_home")


def run_until_paused_then_kill(home: Path, pause_at: str, dagster_home: Path) -> None:
    marker = home / f"paused-{pause_at.replace(':', '-')}"
    env = {**os.environ, "CLAIMS_HOME": str(home), "DAGSTER_HOME": str(dagster_home),
           "DAGSTER_DISABLE_TELEMETRY": "1", PAUSE_AT: pause_at, PAUSE_MARKER: str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--partition", SECOND, "--input", *map(str, SECOND_INPUT)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert process.poll() is None, f"run ended (exit {process.returncode}) before reaching {pause_at}"
            assert time.monotonic() < deadline, f"never reached {pause_at}"
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("pause_at", [
    "extract:mid-partition",
    "load:in-transaction",
    "publish:in-transaction",
    "publish:release-built",
    "publish:before-latest",
])
def test_killed_run_leaves_the_last_release_and_a_rerun_publishes_the_same_data(
    first_published, uninterrupted, dagster_home, tmp_path, pause_at
):
    home = tmp_path / "home"
    shutil.copytree(first_published, home, symlinks=True)
    paths = Paths(home)
    before_version = release.latest_version(paths.releases)
    before = release_contents(home)

    run_until_paused_then_kill(home, pause_at, dagster_home)

    assert release.latest_version(paths.releases) == before_version
    assert release_contents(home) == before
    assert release.validate_datapackage(paths.latest_release.resolve()) == []
    assert all(release.validate_datapackage(paths.releases / v) == [] for v in release.list_versions(paths.releases))
    if pause_at != "publish:before-latest":  # the snapshot swap is the step before `latest` moves
        with duckdb.connect(str(paths.snapshot_db), read_only=True) as db:
            assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == len(before["documents"])

    assert run_job(home, SECOND, SECOND_INPUT).success

    after = release_contents(home)
    assert after == uninterrupted
    assert all(len(ids) == len(set(ids)) for table, ids in after.items() if table != "rejected_documents")
    with duckdb.connect(str(paths.snapshot_db), read_only=True) as db:
        for table, key in KEYS.items():
            assert [r[0] for r in db.execute(f"SELECT {key} FROM {table} ORDER BY 1").fetchall()] == after[table]
    assert not list(paths.releases.glob(".*"))  # no build folder or `latest` temporary left behind
