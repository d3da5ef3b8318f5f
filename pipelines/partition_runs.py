"""One run per partition at a time, and what runs leave behind cleared away.

Two runs of one partition would overwrite each other's staged files and hand-over notes, and
both fail. So a run takes an fcntl lock on `state/locks/<partition>.lock` at its first step;
when its steps share one process (`claims run`, tests) it keeps it until `published_release`,
and a second run of the partition waits, then finds its input already done. Steps in
separate processes (multiprocess or Dask executors) hold it step by step. The OS drops the
lock when its process dies, so a killed run never leaves a partition locked. Runs of other
partitions are not held up.

Leftovers (a kill, a full disk) are cleared when a run takes its partition and after it
publishes: temporary files of dead processes, and the partition's snapshots of other runs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from pipelines import atomic
from pipelines.settings import Paths

# Executors that run every step of a run in the process that started it.
IN_PROCESS_EXECUTORS = frozenset({"execute_in_process_executor", "in_process"})

_held: dict[Path, tuple[TextIO, str]] = {}
"""Lock files this process holds, with the run that holds each."""


def acquire(path: Path, run_id: str, log: Callable[[str], None]) -> bool:
    """Hold the partition's lock for `run_id`, waiting while another process holds it.

    True when the run has just taken it (its first step here), False when it already held it.
    """
    held = _held.get(path)
    if held and held[1] == run_id:
        return False
    release(path)  # an earlier run of this process that stopped before publishing
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        log(f"partition {path.stem} is being run by {handle.read().strip() or 'another process'}: waiting for it")
        fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    handle.truncate()
    handle.write(f"run {run_id} (pid {os.getpid()})\n")
    handle.flush()
    _held[path] = (handle, run_id)
    return True


def release(path: Path) -> None:
    """Let the next run of the partition in (closing the file drops the lock)."""
    held = _held.pop(path, None)
    if held:
        held[0].close()


def clean_leftovers(paths: Paths, partition_key: str, run_id: str) -> list[Path]:
    """Remove what killed and finished runs left behind; returns the paths removed.

    Temporaries are removed only when the process named in them is dead. The partition's
    snapshots of other runs are no one's: only the run holding the partition hands one on.
    """
    removed = [path for folder in paths.written_folders for path in atomic.discard_abandoned(folder)]
    snapshots = [*paths.snapshots_for(partition_key).glob("*.duckdb"),
                 *paths.snapshots_for(partition_key).parent.glob("*.duckdb")]  # the layout before per-partition folders
    for snapshot in snapshots:
        if snapshot != paths.pending_snapshot(partition_key, run_id):
            snapshot.unlink(missing_ok=True)
            removed.append(snapshot)
    return removed


@contextlib.contextmanager
def holding(paths: Paths, partition_key: str, run_id: str, log: Callable[[str], None], *,
            whole_run: bool, last: bool = False) -> Iterator[None]:
    """One step of a run, with the partition held; a run's first and last steps clear leftovers.

    `whole_run`: the run's steps share this process, so the lock stays for its next step
    (until `last`, or a failure ends the run); otherwise it is dropped after this step.
    """
    lock = paths.partition_lock(partition_key)
    if acquire(lock, run_id, log):
        _log_removed(log, clean_leftovers(paths, partition_key, run_id))
    try:
        yield
    except BaseException:
        release(lock)
        raise
    if last:
        _log_removed(log, clean_leftovers(paths, partition_key, run_id))
    if last or not whole_run:
        release(lock)


def _log_removed(log: Callable[[str], None], removed: list[Path]) -> None:
    if removed:
        log(f"removed {len(removed)} leftovers of earlier runs: {', '.join(str(path) for path in removed[:10])}")
