"""Loading one partition's staged Parquet into a warehouse file (pure: no Dagster).

Used twice per run: into a candidate copy that the quality gate inspects, and, once the
gate has passed, into the warehouse that releases are cut from. A failing partition so
never reaches the warehouse, and later releases cannot pick it up. DuckDB reads the
Parquet files itself, so a partition's rows never pass through Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow.dataset

from pipelines import ingest, staging, warehouse

LOADED_TABLES = ("documents", "rejected_documents", "input_files", *staging.EXTRACTED_TABLES)


@dataclass(frozen=True)
class LoadResult:
    counts: dict[str, int]
    duplicates_of_other_partitions: int


def stage_views(connection: duckdb.DuckDBPyConnection, staging_dir: Path) -> None:
    """Each staged file registered as the temporary view staged_<table>, from its path: a
    path never enters SQL text (a ' in CLAIMS_HOME is just a character), and nothing of it
    is stored in the warehouse."""
    for table in LOADED_TABLES:
        connection.register(f"staged_{table}", pyarrow.dataset.dataset(str(staging_dir / f"{table}.parquet")))


def partition_sources() -> dict[str, str]:
    """SELECTs giving each table's rows for the partition from the staged views, without
    documents another partition holds (temp table held_elsewhere), which become duplicate
    rejections."""
    not_held = "doc_id NOT IN (SELECT doc_id FROM held_elsewhere)"
    sources = {table: f"SELECT * FROM staged_{table} WHERE {not_held}"
               for table in ("documents", "document_entities", "mentions", "claims")}
    sources["input_files"] = "SELECT * FROM staged_input_files"
    sources["claim_mentions"] = (
        "SELECT * FROM staged_claim_mentions "
        f"WHERE claim_id IN (SELECT claim_id FROM staged_claims WHERE {not_held})"
    )
    sources["rejected_documents"] = (
        "SELECT * FROM staged_rejected_documents UNION ALL "
        f"SELECT d.source_uri, '{ingest.DUPLICATE}' AS reason, "
        "'already loaded in partition ' || h.partition_key AS detail, d.doc_id, "
        "d.ingested_at AS rejected_at, d.partition_key "
        "FROM staged_documents d JOIN held_elsewhere h USING (doc_id)"
    )
    return sources


def load_partition(
    connection: duckdb.DuckDBPyConnection, partition_key: str, staging_dir: Path, stage: str = "load"
) -> LoadResult:
    """Replace the partition's rows with its staged files; idempotent."""
    stage_views(connection, staging_dir)
    doc_ids = [row[0] for row in connection.execute("SELECT doc_id FROM staged_documents").fetchall()]
    held = warehouse.documents_in_other_partitions(connection, partition_key, doc_ids)
    connection.execute("CREATE OR REPLACE TEMP TABLE held_elsewhere (doc_id VARCHAR, partition_key VARCHAR)")
    if held:
        connection.execute(
            "INSERT INTO held_elsewhere SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [list(held), list(held.values())],
        )
    counts = warehouse.replace_partition(connection, partition_key, partition_sources(), stage)
    return LoadResult(counts, len(held))
