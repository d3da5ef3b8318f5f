"""Runs of one partition at a time, a CLAIMS_HOME with a quote in it, and leftovers cleared.

Real processes throughout: two `claims run` of one partition started together, a run after
them, and temporaries named after a process that has really exited or is really alive.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines import release
from pipelines.settings import Paths

from .conftest import SAMPLES, run_job
from .test_cli import claims, start_claims

pytestmark = pytest.mark.slow

DAY, NEXT_DAY = "2026-11-05", "2026-11-06"
INPUTS = [str(SAMPLES / "01-harbour-strike.txt"), str(SAMPLES / "02-rail-fares.txt")]


def test_two_runs_of_one_partition_at_once_both_end_well_and_the_next_one_too(tmp_path):
    paths = Paths(tmp_path)
    first = start_claims(tmp_path, "run", "--partition", DAY, "--input", *INPUTS)
    deadline = time.monotonic() + 300
    while f"(pid {first.pid})" not in _read(paths.partition_lock(DAY)):  # the first run holds the partition
        assert first.poll() is None and time.monotonic() < deadline, first.stdout.read()
        time.sleep(0.1)
    second = start_claims(tmp_path, "run", "--partition", DAY, "--input", *INPUTS)
    outputs = [run.communicate(timeout=600)[0] for run in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert f"partition {DAY} is being run by run " in outputs[1] and "waiting for it" in outputs[1]
    assert release.list_versions(paths.releases) == [release.latest_version(paths.releases)]  # nothing new the second time
    following = claims(tmp_path, "run", "--partition", DAY, "--input", *INPUTS)
    assert following.returncode == 0, following.stdout + following.stderr
    assert claims(tmp_path, "verify").returncode == 0


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_quote_and_a_space_in_claims_home_publish_and_verify(tmp_path):
    home = tmp_path / "it's a home"
    assert run_job(home, DAY, list(map(Path, INPUTS))).success
    assert run_job(home, NEXT_DAY, [SAMPLES / "03-water-report.txt"]).success  # a changelog against the first
    versions = release.list_versions(Paths(home).releases)
    assert len(versions) == 2 and release.latest_version(Paths(home).releases) == versions[-1]
    for version in versions:
        verified = claims(home, "verify", version)
        assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "| documents | 1 | 0 | 3 |" in (Paths(home).latest_release / "CHANGELOG.md").read_text()


def test_a_run_clears_what_dead_processes_and_finished_runs_left_and_keeps_the_rest(tmp_path):
    paths = Paths(tmp_path)
    assert run_job(tmp_path, DAY, list(map(Path, INPUTS))).success
    exited = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = exited.stdout.strip()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        staging = paths.staging_for(DAY)
        leftovers = [staging / f".claims.parquet.{dead}.tmp", paths.work_db.with_name(f".warehouse.duckdb.{dead}.tmp"),
                     paths.snapshots_for(DAY) / "an-earlier-run.duckdb",
                     paths.snapshots_for(DAY).parent / "a-run-before-partition-folders.duckdb",
                     paths.releases / f".2026.01.01.1.{dead}.tmp" / "claims.parquet"]
        in_use = [staging / f".mentions.parquet.{alive.pid}.tmp",  # a live writer's
                  paths.inbox_for(DAY) / f".article.txt.{dead}.tmp",  # the users' inbox is never touched
                  paths.snapshots_for(NEXT_DAY) / "a-run-of-another-day.duckdb"]
        for path in leftovers + in_use:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"partial")
        needed = [staging / name for name in ("documents.parquet", "claims.parquet", "extraction.json", "release.json")]
        needed += [paths.work_db, paths.snapshot_db, paths.latest_release / "datapackage.json"]

        assert run_job(tmp_path, DAY, list(map(Path, INPUTS))).success
        assert [path for path in leftovers if path.exists()] == []
        assert not (paths.releases / f".2026.01.01.1.{dead}.tmp").exists()
        assert [path for path in in_use + needed if not path.exists()] == []
        assert list(paths.snapshots_for(DAY).iterdir()) == []  # its own was published
    finally:
        alive.kill()
        alive.wait()
    assert run_job(tmp_path, DAY, list(map(Path, INPUTS))).success
    assert not (staging / f".mentions.parquet.{alive.pid}.tmp").exists()  # once its process is gone
