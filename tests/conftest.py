"""Shared fixtures: a temp CLAIMS_HOME and real runs of the Dagster job over it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.pop("DAGSTER_HOME", None)  # tests use their own ephemeral or temp instances

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SHARED = REPO.parent / "shared"
SEED_GOLD = SHARED / "gold" / "seed-kursk.jsonl"
# A user's fresh clone has no ../shared: the tests that read it say so and skip.
needs_shared = pytest.mark.skipif(not SEED_GOLD.exists(), reason=f"needs {SHARED} (gold and corpora beside the checkout)")


STAGES_BEFORE_LOAD = ("ingested_documents", "extracted_claims")
STAGES_FROM_LOAD = ("warehouse_candidate", "claims_release", "published_release")


def run_job(home: Path, partition: str, inputs: list[Path] | None = None, n_process: int = 1,
            stages: tuple[str, ...] | None = None):
    """Materialise the nightly job (or some of its stages) for one partition into `home`, in process."""
    import dagster as dg

    from pipelines.definitions import JOB_NAME, build_defs
    from pipelines.settings import Settings

    job = build_defs(Settings(home=home, n_process=n_process)).resolve_job_def(JOB_NAME)
    run_config = {}
    if stages is None or "ingested_documents" in stages:
        run_config = {"ops": {"ingested_documents": {"config": {"input_paths": [str(p) for p in inputs or []]}}}}
    return job.execute_in_process(
        partition_key=partition,
        run_config=run_config,
        asset_selection=[dg.AssetKey(stage) for stage in stages] if stages else None,
        raise_on_error=False,
    )


def failed_checks(result) -> dict[str, str]:
    """check name -> severity of every check that did not pass in a run."""
    return {e.check_name: e.severity.value for e in result.get_asset_check_evaluations() if not e.passed}


@pytest.fixture(scope="session")
def nlp():
    from pipelines.extraction import load_nlp

    return load_nlp()


def assert_claim_spans_match(text: str, claim) -> None:
    """Every role's stored text is what its spans cut out of the document text."""
    from pipelines.extraction.records import spans_text

    assert claim.cue_text == spans_text(text, claim.cue_spans)
    assert claim.content_text == spans_text(text, claim.content_spans)
    assert (claim.source_text or "") == spans_text(text, claim.source_spans)
    assert (claim.via_text or "") == spans_text(text, claim.via_spans)
    assert (claim.time_text or "") == spans_text(text, claim.time_spans)
