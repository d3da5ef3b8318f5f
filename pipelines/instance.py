"""One Dagster instance for `claims run` and the UI, so every run shows in `make dev`.

Unless `DAGSTER_HOME` says otherwise, the instance lives beside the data it describes, in
`CLAIMS_HOME/dagster/` (the Makefile's default too): run history, and whether the schedule
and the sensor are on. Tests give each run a temp `CLAIMS_HOME`, hence a temp instance.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
from pathlib import Path

import dagster as dg

from pipelines.atomic import process_alive
from pipelines.settings import Settings

INSTANCE_CONFIG = Path(__file__).resolve().parent / "dagster.yaml"
HOST_TAG, PID_TAG = "claims/host", "claims/pid"


def dagster_home(settings: Settings) -> Path:
    """`DAGSTER_HOME` when set, else `CLAIMS_HOME/dagster`."""
    return Path(os.environ.get("DAGSTER_HOME") or settings.home / "dagster").resolve()


def open_instance(settings: Settings) -> dg.DagsterInstance:
    """The persistent instance at `dagster_home`, given this project's dagster.yaml if it has none."""
    home = dagster_home(settings)
    home.mkdir(parents=True, exist_ok=True)
    # opening a new instance creates its SQLite tables: two `claims run` started together
    # (the nightly and a manual run) would both create them, and one fails; take turns
    with open(home / ".open.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (home / "dagster.yaml").exists():
            shutil.copyfile(INSTANCE_CONFIG, home / "dagster.yaml")
        return dg.DagsterInstance.from_config(str(home))


def run_tags() -> dict[str, str]:
    """Who runs this run, so a later `claims run` can tell it died (see `fail_dead_runs`)."""
    return {HOST_TAG: socket.gethostname(), PID_TAG: str(os.getpid())}


def fail_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark failed the unfinished runs of `claims run` processes of this host that died, and free
    their pool slots; returns their run ids.

    A run killed in a `warehouse_writer` step (SIGKILL, out of memory) keeps that pool's one
    slot in the instance, and every later run would wait for it for ever. The UI's runs are
    not touched: they carry no such tags and the daemon watches them.
    """
    runs = instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING],
                                           tags={HOST_TAG: socket.gethostname()}))
    dead = [run for run in runs if PID_TAG in run.tags and not process_alive(int(run.tags[PID_TAG]))]
    for run in dead:
        instance.report_run_failed(run, f"its process {run.tags[PID_TAG]} is gone (killed?)")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
    return [run.run_id for run in dead]
