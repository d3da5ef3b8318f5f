"""`claims run` and the UI share one persistent Dagster instance; a killed run does not block the next."""

from __future__ import annotations

import subprocess

import dagster as dg

from pipelines import instance as dagster_instance
from pipelines.assets import WAREHOUSE_WRITER_POOL
from pipelines.settings import Settings


def test_the_default_instance_lives_in_claims_home_with_the_projects_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    settings = Settings(home=tmp_path)
    with dagster_instance.open_instance(settings) as instance:
        assert instance.is_persistent and instance.root_directory == str(tmp_path / "dagster")
        assert not instance.telemetry_enabled
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "elsewhere"))
    assert dagster_instance.dagster_home(settings) == tmp_path / "elsewhere"


def test_a_dead_claims_run_is_marked_failed_and_its_pool_slot_freed(tmp_path, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    finished = subprocess.Popen(["true"])
    finished.wait()  # reaped: its pid names no live process
    job = dg.GraphDefinition("noop").to_job()
    with dagster_instance.open_instance(Settings(home=tmp_path)) as instance:
        storage = instance.event_log_storage
        storage.set_concurrency_slots(WAREHOUSE_WRITER_POOL, 1)
        runs = {}
        for name, pid in (("dead", finished.pid), ("alive", None)):
            tags = dagster_instance.run_tags() | ({dagster_instance.PID_TAG: str(pid)} if pid else {})
            runs[name] = instance.create_run_for_job(job, status=dg.DagsterRunStatus.STARTED, tags=tags)
        storage.claim_concurrency_slot(WAREHOUSE_WRITER_POOL, runs["dead"].run_id, "warehouse_candidate")
        assert storage.get_concurrency_info(WAREHOUSE_WRITER_POOL).active_slot_count == 1

        assert dagster_instance.fail_dead_runs(instance) == [runs["dead"].run_id]
        assert storage.get_concurrency_info(WAREHOUSE_WRITER_POOL).active_slot_count == 0
        assert instance.get_run_by_id(runs["dead"].run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(runs["alive"].run_id).status == dg.DagsterRunStatus.STARTED
