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

from pipelines import ingest, staging, warehouse

LOADED_TABLES = ("documents", "rejected_documents", *staging.EXTRACTED_TABLES)


@dataclass(frozen=True)
class LoadResult:
    counts: dict[str, int]
    duplicates_of_other_partitions: int


def _parquet(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def partition_sources(staging_dir: Path) -> dict[str, str]:
    """SELECTs giving each table's rows for the partition, without documents another
    partition holds (temp table held_elsewhere), which become duplicate rejections."""
    files = {table: _parquet(staging_dir / f"{table}.parquet") for table in LOADED_TABLES}
    not_held = "doc_id NOT IN (SELECT doc_id FROM held_elsewhere)"
    sources = {table: f"SELECT * FROM {files[table]} WHERE {not_held}"
               for table in ("documents", "document_entities", "mentions", "claims")}
    sources["claim_mentions"] = (
        f"SELECT * FROM {files['claim_mentions']} "
        f"WHERE claim_id IN (SELECT claim_id FROM {files['claims']} WHERE {not_held})"
    )
    sources["rejected_documents"] = (
        f"SELECT * FROM {files['rejected_documents']} UNION ALL "
        f"SELECT d.source_uri, '{ingest.DUPLICATE}' AS reason, "
        "'already loaded in partition ' || h.partition_key AS detail, d.doc_id, "
        "d.ingested_at AS rejected_at, d.partition_key "
        f"FROM {files['documents']} d JOIN held_elsewhere h USING (doc_id)"
    )
    return sources


def load_partition(
    connection: duckdb.DuckDBPyConnection, partition_key: str, staging_dir: Path, stage: str = "load"
) -> LoadResult:
    """Replace the partition's rows with its staged files; idempotent."""
    doc_ids = [row[0] for row in connection.execute(
        f"SELECT doc_id FROM {_parquet(staging_dir / 'documents.parquet')}").fetchall()]
    held = warehouse.documents_in_other_partitions(connection, partition_key, doc_ids)
    connection.execute("CREATE OR REPLACE TEMP TABLE held_elsewhere (doc_id VARCHAR, partition_key VARCHAR)")
    if held:
        connection.execute(
            "INSERT INTO held_elsewhere SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
            [list(held), list(held.values())],
        )
    counts = warehouse.replace_partition(connection, partition_key, partition_sources(staging_dir), stage)
    return LoadResult(counts, len(held))
