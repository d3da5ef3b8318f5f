"""Shared fixtures: a temp CLAIMS_HOME and real runs of the Dagster job over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SHARED = REPO.parent / "shared"
SEED_GOLD = SHARED / "gold" / "seed-kursk.jsonl"


def run_job(home: Path, partition: str, inputs: list[Path] | None = None, n_process: int = 1):
    """Materialise the whole nightly job for one partition into `home`, in process."""
    from pipelines.definitions import JOB_NAME, build_defs
    from pipelines.settings import Settings

    job = build_defs(Settings(home=home, n_process=n_process)).resolve_job_def(JOB_NAME)
    return job.execute_in_process(
        partition_key=partition,
        run_config={"ops": {"ingested_documents": {"config": {"input_paths": [str(p) for p in inputs or []]}}}},
        raise_on_error=False,
    )


@pytest.fixture(scope="session")
def nlp():
    from pipelines.extraction import load_nlp

    return load_nlp()
