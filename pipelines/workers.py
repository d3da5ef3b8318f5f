"""How many processes parse a partition: one per core, as memory allows, none to spare on a tiny day.

Each forked extraction worker costs about 250 MB of its own (measured: peak RSS 335 MB, of
which 250 MB private, the rest the parent's pipeline shared copy-on-write, on 300 AllSides
articles at the default batch), and up to ~500 MB on a batch of the longest documents
`CLAIMS_BATCH_CHARS` allows; so a worker is counted at 500 MB of available memory.
`CLAIMS_N_PROCESS` overrides the choice.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

WORKER_BYTES = 500 * 2**20
# Below this many documents a process, a worker saves a few seconds of parsing at most
# (3-5 documents/s), against starting a pool and copying the pipeline's memory into it.
DOCUMENTS_PER_PROCESS = 32
CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP, MEMINFO = Path("/proc/self/cgroup"), Path("/proc/meminfo")


def choose_n_process(n_documents: int, cores: int, available_bytes: int | None,
                     setting: int | None, daemon: bool = False) -> tuple[int, str]:
    """(processes, why in words): the setting if given, else the least of cores, memory and size.

    A daemonic process (a Dask worker's) may not start processes, so it parses alone.
    """
    if setting is not None:
        return setting, f"CLAIMS_N_PROCESS={setting}"
    if daemon:
        return 1, "a daemonic process, such as a Dask worker, may not start workers; CLAIMS_N_PROCESS overrides"
    by_memory = cores if available_bytes is None else available_bytes // WORKER_BYTES
    by_documents = n_documents // DOCUMENTS_PER_PROCESS
    n_process = max(1, min(cores, by_memory, by_documents))
    if n_process == cores:
        why = "a process per core"
    elif by_documents <= by_memory:
        why = f"at most a process per {DOCUMENTS_PER_PROCESS} documents: fewer do not pay for starting a worker"
    else:
        why = f"{WORKER_BYTES // 2**20} MB of memory a worker"
    memory = "memory available unknown" if available_bytes is None else f"{available_bytes / 2**30:.1f} GB available"
    return n_process, f"{cores} core{'s' * (cores != 1)}, {memory}: {why}; CLAIMS_N_PROCESS overrides"


def _cgroup_folders(v1_controller: str) -> list[Path]:
    """This process's cgroup folders holding the controller's files: v2's, and v1's hierarchy of it."""
    try:
        lines = PROC_CGROUP.read_text().splitlines()
    except OSError:
        return []
    folders = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if not controllers or v1_controller in controllers.split(","):
            mount = CGROUP_ROOT / controllers if controllers else CGROUP_ROOT
            folder = mount / path.lstrip("/")
            folders.append(folder if folder.is_dir() else mount)  # in its own cgroup namespace: the mount
    return folders


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def cores_available() -> int:
    """Cores this process may run on (affinity), lowered by a cgroup CPU quota (a container's)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    for folder in _cgroup_folders("cpu"):
        quota, period = (_read(folder / "cpu.max") or "max 0").split()  # v2
        if quota == "max":
            quota, period = _read(folder / "cpu.cfs_quota_us") or "-1", _read(folder / "cpu.cfs_period_us") or "0"  # v1
        if int(quota) > 0 and int(period) > 0:
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    return cores


def memory_available() -> int | None:
    """Bytes the kernel could give without swapping (MemAvailable), lowered by a cgroup limit's headroom."""
    meminfo = _read(MEMINFO) or ""
    available = next((int(line.split()[1]) * 1024 for line in meminfo.splitlines()
                      if line.startswith("MemAvailable:")), None)
    for folder in _cgroup_folders("memory"):
        limit = _read(folder / "memory.max") or _read(folder / "memory.limit_in_bytes")
        usage = _read(folder / "memory.current") or _read(folder / "memory.usage_in_bytes")
        if not limit or not usage or not limit.isdigit() or int(limit) >= 2**60:
            continue
        stat = dict(line.split() for line in (_read(folder / "memory.stat") or "").splitlines())
        reclaimable = int(stat.get("inactive_file", 0))  # page cache the kernel drops before it fails
        headroom = max(0, int(limit) - int(usage) + reclaimable)
        available = headroom if available is None else min(available, headroom)
    return available
