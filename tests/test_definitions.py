"""The code location loads, and its schedule and sensor ask for the right partitions (once turned on)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg

from pipelines.definitions import JOB_NAME, build_defs
from pipelines.settings import Settings

from .conftest import REPO


def test_definitions_load_with_dg_check_defs(tmp_path):
    env = {**os.environ, "CLAIMS_HOME": str(tmp_path), "DAGSTER_DISABLE_TELEMETRY": "1"}
    env.pop("DAGSTER_HOME", None)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dg"), "check", "defs"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr


def test_nightly_schedule_runs_at_two_utc_for_the_previous_day(tmp_path):
    defs = build_defs(Settings(home=tmp_path))
    schedule = defs.resolve_schedule_def("claims_nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert (schedule.execution_timezone or "UTC") == "UTC"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 26, 2, 0, tzinfo=timezone.utc))
    request = schedule(context)
    assert request.partition_key == "2026-11-25"
    assert schedule.job_name == JOB_NAME


def test_inbox_sensor_waits_for_settled_files_and_requests_each_file_set_once(tmp_path):
    defs = build_defs(Settings(home=tmp_path))
    sensor = defs.resolve_sensor_def("claims_inbox_sensor")
    resources = {"claims": defs.resources["claims"]}
    folder = tmp_path / "inbox" / "2026-11-24"
    folder.mkdir(parents=True)
    article = folder / "a.txt"
    article.write_text("Title\n\nThe minister said the bridge would reopen.", encoding="utf-8")

    with dg.build_sensor_context(resources=resources) as context:
        assert sensor(context).skip_message  # just written: still settling
    old = time.time() - 3600
    os.utime(article, (old, old))
    with dg.build_sensor_context(resources=resources) as context:
        [request] = sensor(context)
    assert request.partition_key == "2026-11-24"
    with dg.build_sensor_context(resources=resources) as context:
        [again] = sensor(context)
    assert again.run_key == request.run_key  # same files, same key: Dagster starts no second run
    (folder / "b.txt").write_text("Title\n\nAnother story.", encoding="utf-8")
    os.utime(folder / "b.txt", (old, old))
    with dg.build_sensor_context(resources=resources) as context:
        [changed] = sensor(context)
    assert changed.run_key != request.run_key


def test_schedule_and_sensor_start_stopped_so_the_ui_launches_no_run_by_itself(tmp_path):
    defs = build_defs(Settings(home=tmp_path))
    schedule = defs.resolve_schedule_def("claims_nightly_schedule")
    sensor = defs.resolve_sensor_def("claims_inbox_sensor")
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED
