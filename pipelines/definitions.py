"""The Dagster code location: `defs` for `dg dev`, `dg launch` and workspace.yaml."""

from __future__ import annotations

import dagster as dg

from pipelines import assets
from pipelines.automation import build_inbox_sensor, build_nightly_schedule
from pipelines.memory import release_freed_memory
from pipelines.resources import ClaimsResource
from pipelines.settings import Settings

JOB_NAME = "claims_nightly"
PIPELINE_ASSETS = [
    assets.ingested_documents,
    assets.extracted_claims,
    assets.warehouse_candidate,
    assets.claims_release,
    assets.published_release,
]


@dg.success_hook
def return_freed_memory(context: dg.HookContext) -> None:
    """After each step, so the next one does not stack its peak on this one's leftovers."""
    release_freed_memory()


def build_defs(settings: Settings | None = None) -> dg.Definitions:
    """Definitions for one CLAIMS_HOME; tests build their own over a temp folder."""
    settings = settings or Settings.from_env()
    job = dg.define_asset_job(
        JOB_NAME,
        selection=dg.AssetSelection.assets(*PIPELINE_ASSETS),
        description="Ingest → extract → candidate load → quality gate → release → datapackage check → publish, for one ingestion day.",
        hooks={return_freed_memory},
    )
    return dg.Definitions(
        assets=PIPELINE_ASSETS,
        asset_checks=[assets.quality_gate, assets.datapackage_valid],
        jobs=[job],
        schedules=[build_nightly_schedule(job)],
        sensors=[build_inbox_sensor(job)],
        resources={"claims": ClaimsResource.from_settings(settings)},
    )


defs = build_defs()
