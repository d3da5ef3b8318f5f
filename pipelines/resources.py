"""The one Dagster resource: where the pipeline's files live and how spaCy runs."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.settings import DEFAULT_DATASET_LICENSE, DEFAULT_DUCKDB_MEMORY_LIMIT, DEFAULT_MODEL, Paths, Settings


class ClaimsResource(dg.ConfigurableResource):
    """Settings every asset needs; built from the environment by `build_defs`."""

    home: str
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    batch_chars: int = 100_000
    n_process: int | None = None  # None: chosen per partition (pipelines/workers.py)
    duckdb_memory_limit: str = DEFAULT_DUCKDB_MEMORY_LIMIT
    dataset_license: str = DEFAULT_DATASET_LICENSE
    dataset_citation: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> "ClaimsResource":
        return cls(home=str(settings.home), model=settings.model,
                   batch_size=settings.batch_size, batch_chars=settings.batch_chars,
                   n_process=settings.n_process, duckdb_memory_limit=settings.duckdb_memory_limit,
                   dataset_license=settings.dataset_license, dataset_citation=settings.dataset_citation)

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.home))
