"""How many processes parse a partition: a pure choice from cores, memory, the setting and the size."""

from __future__ import annotations

import pytest

from pipelines import workers
from pipelines.workers import DOCUMENTS_PER_PROCESS, WORKER_BYTES, choose_n_process

GB = 2**30


@pytest.mark.parametrize(("n_documents", "cores", "available", "setting", "expected", "said"), [
    (2000, 2, 5 * GB, None, 2, "2 cores, 5.0 GB available: a process per core"),
    (2000, 16, 3 * GB, None, 6, "500 MB of memory a worker"),
    (2000, 2, WORKER_BYTES - 1, None, 1, "500 MB of memory a worker"),
    (2000, 4, None, None, 4, "memory available unknown: a process per core"),
    (23, 2, 5 * GB, None, 1, f"at most a process per {DOCUMENTS_PER_PROCESS} documents"),
    (3 * DOCUMENTS_PER_PROCESS, 8, 5 * GB, None, 3, "fewer do not pay for starting a worker"),
    (5, 1, 5 * GB, None, 1, "1 core, 5.0 GB available"),
    (5, 2, 1 * GB, 3, 3, "CLAIMS_N_PROCESS=3"),
    (5000, 8, 64 * GB, 1, 1, "CLAIMS_N_PROCESS=1"),
])
def test_the_choice_and_its_reason(n_documents, cores, available, setting, expected, said):
    n_process, why = choose_n_process(n_documents, cores, available, setting)
    assert n_process == expected and said in why
    assert setting is not None or why.endswith("CLAIMS_N_PROCESS overrides")


def test_a_dask_worker_parses_alone_as_a_daemon_may_not_start_processes():
    assert choose_n_process(2000, 8, 64 * GB, None, daemon=True) == (
        1, "a daemonic process, such as a Dask worker, may not start workers; CLAIMS_N_PROCESS overrides")


def test_a_container_cgroup_limits_cores_and_memory(tmp_path, monkeypatch):
    (tmp_path / "proc").write_text("0::/job\n")
    folder = tmp_path / "job"
    folder.mkdir()
    (folder / "cpu.max").write_text("150000 100000\n")  # 1.5 CPUs
    (folder / "memory.max").write_text(f"{2 * GB}\n")
    (folder / "memory.current").write_text(f"{GB + GB // 2}\n")
    (folder / "memory.stat").write_text(f"anon 1\ninactive_file {GB // 4}\n")
    (tmp_path / "meminfo").write_text(f"MemTotal: {64 * GB // 1024} kB\nMemAvailable: {32 * GB // 1024} kB\n")
    monkeypatch.setattr(workers, "PROC_CGROUP", tmp_path / "proc")
    monkeypatch.setattr(workers, "MEMINFO", tmp_path / "meminfo")
    monkeypatch.setattr(workers, "CGROUP_ROOT", tmp_path)
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert workers.cores_available() == 2  # the quota, rounded up, not the host's 16
    assert workers.memory_available() == GB // 2 + GB // 4  # limit - usage + page cache it can drop


def test_this_machine_reports_its_cores_and_memory():
    assert workers.cores_available() >= 1
    assert workers.memory_available() > 0
