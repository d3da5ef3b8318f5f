"""The `claims` command as a user runs it: separate processes, a real CLAIMS_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.definitions import JOB_NAME

from .conftest import REPO, SAMPLES

pytestmark = pytest.mark.slow


def claims(home: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLAIMS_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600, **kwargs)


def start_claims(home: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "CLAIMS_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A CLAIMS_HOME after a user's first `claims run`, with no DAGSTER_HOME set."""
    home = tmp_path_factory.mktemp("home")
    first = claims(home, "run", "--input", str(SAMPLES), "--partition", "2026-11-24")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "published release" in first.stdout
    return home


def test_a_run_without_dagster_home_is_recorded_in_the_instance_make_dev_opens(published):
    with dg.DagsterInstance.from_config(str(published / "dagster")) as instance:
        [run] = instance.get_runs(dg.RunsFilter(job_name=JOB_NAME, tags={"dagster/partition": "2026-11-24"}))
        assert run.status == dg.DagsterRunStatus.SUCCESS
    env = {key: value for key, value in os.environ.items() if key != "DAGSTER_HOME"} | {"CLAIMS_HOME": str(published)}
    make = subprocess.run(["make", "-s", "--eval", "print-home: ; @echo $(DAGSTER_HOME)", "print-home"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert make.stdout.strip() == str(published / "dagster"), make.stdout + make.stderr


def test_query_answers_from_the_snapshot_while_another_run_writes(published):
    second = start_claims(published, "run", "--input", str(SAMPLES), "--partition", "2026-11-25")
    answers = []
    try:
        while second.poll() is None:
            result = claims(published, "query", "select count(*) as n from claims", "--format", "csv")
            assert result.returncode == 0, result.stderr
            answers.append(int(result.stdout.splitlines()[1]))
    finally:
        output = second.communicate(timeout=600)[0]
    assert second.returncode == 0, output
    assert len(answers) >= 2 and all(n > 0 for n in answers)


def test_a_missing_input_is_refused_before_the_run_starts(tmp_path):
    result = claims(tmp_path, "run", "--input", str(tmp_path / "nope"), "--partition", "2026-11-24")
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "releases").exists() and not (tmp_path / "staging").exists()


def test_query_without_a_warehouse_says_so(tmp_path):
    result = claims(tmp_path, "query", "select 1")
    assert result.returncode == 2 and "claims run" in result.stderr
