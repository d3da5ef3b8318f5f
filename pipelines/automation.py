"""When the job runs: nightly for the previous day, and whenever files land in the inbox.

Both start stopped, so opening the UI launches no run nobody asked for; production turns
them on once, and the instance remembers it (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date, timedelta
from pathlib import Path

import dagster as dg

from pipelines.resources import ClaimsResource

# A file whose mtime is this recent may still be being written: wait for the next tick.
SETTLE_SECONDS = 30


def build_nightly_schedule(job: dg.UnresolvedAssetJobDefinition) -> dg.ScheduleDefinition:
    """02:00 UTC every day, for the partition of the day that just ended.

    Written out rather than built from the partitions: they end a day later (end_offset=1)
    so the inbox sensor can run today's partition, which would make "last partition" today.
    """

    @dg.schedule(job=job, name="claims_nightly_schedule", cron_schedule="0 2 * * *",
                 execution_timezone="UTC", default_status=dg.DefaultScheduleStatus.STOPPED)
    def claims_nightly_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
        day = (context.scheduled_execution_time - timedelta(days=1)).date().isoformat()
        return dg.RunRequest(run_key=f"nightly:{day}", partition_key=day)

    return claims_nightly_schedule


def _is_partition_folder(name: str) -> bool:
    try:
        date.fromisoformat(name)
        return True
    except ValueError:
        return False


def _file_stats(folder: Path) -> list[tuple[str, os.stat_result]]:
    """(name, stat) of the folder's visible files; one removed while listed is left out, not an error."""
    stats = []
    for path in sorted(folder.rglob("*")):
        if path.name.startswith("."):
            continue
        try:
            if path.is_file():
                stats.append((str(path.relative_to(folder)), path.stat()))
        except OSError:
            continue
    return stats


def build_inbox_sensor(job: dg.UnresolvedAssetJobDefinition, settle_seconds: int = SETTLE_SECONDS) -> dg.SensorDefinition:
    @dg.sensor(job=job, name="claims_inbox_sensor", minimum_interval_seconds=60,
               default_status=dg.DefaultSensorStatus.STOPPED)
    def claims_inbox_sensor(context: dg.SensorEvaluationContext, claims: ClaimsResource):
        """A run per inbox/<YYYY-MM-DD>/ folder whose set of settled files changed.

        The run key is a fingerprint of the folder's files (names, sizes, mtimes), so the same
        files never start two runs and a new or changed file starts one more.
        """
        inbox = claims.paths.inbox
        if not inbox.is_dir():
            return dg.SkipReason(f"no inbox at {inbox}")
        now = time.time()
        requests = []
        for folder in sorted(p for p in inbox.iterdir() if p.is_dir() and _is_partition_folder(p.name)):
            stats = _file_stats(folder)
            if not stats:
                continue
            if any(now - stat.st_mtime < settle_seconds for _, stat in stats):
                context.log.info(f"{folder.name}: files still arriving, waiting")
                continue
            fingerprint = hashlib.sha1(  # a name not in UTF-8 keeps its bytes (surrogateescape)
                "\n".join(f"{name}\t{stat.st_size}\t{stat.st_mtime_ns}" for name, stat in stats)
                .encode("utf-8", "surrogateescape")
            ).hexdigest()[:16]
            requests.append(dg.RunRequest(run_key=f"{folder.name}:{fingerprint}", partition_key=folder.name))
        return requests or dg.SkipReason("no new settled files in the inbox")

    return claims_inbox_sensor
