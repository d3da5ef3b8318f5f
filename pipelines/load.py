"""Loading one partition's staged Parquet into a warehouse file (pure: no Dagster).

Used twice per run: into a candidate copy that the quality gate inspects, and, once the
gate has passed, into the warehouse that releases are cut from. A failing partition so
never reaches the warehouse, and later releases cannot pick it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from pipelines import ingest, staging, warehouse

LOADED_TABLES = ("documents", "rejected_documents", *staging.EXTRACTED_TABLES)


@dataclass(frozen=True)
class LoadResult:
    counts: dict[str, int]
    duplicates_of_other_partitions: int


def read_partition(staging_dir: Path) -> dict[str, pa.Table]:
    return {table: staging.read_staged(staging_dir, table) for table in LOADED_TABLES}


def without_documents(tables: dict[str, pa.Table], held_elsewhere: dict[str, str], partition_key: str) -> dict[str, pa.Table]:
    """Drop documents another partition already holds, recording each as a duplicate."""
    doc_ids = pa.array(list(held_elsewhere), pa.string())
    kept = {
        name: table.filter(pc.invert(pc.is_in(table["doc_id"], doc_ids)))
        for name, table in tables.items()
        if name not in ("rejected_documents", "claim_mentions")
    }
    kept["claim_mentions"] = tables["claim_mentions"].filter(
        pc.is_in(tables["claim_mentions"]["claim_id"], kept["claims"]["claim_id"])
    )
    documents = tables["documents"].filter(pc.is_in(tables["documents"]["doc_id"], doc_ids))
    duplicates = staging.rejections_table(
        [ingest.Rejection(uri, ingest.DUPLICATE, f"already loaded in partition {held_elsewhere[doc_id]}", doc_id)
         for uri, doc_id in zip(documents["source_uri"].to_pylist(), documents["doc_id"].to_pylist())],
        ingest.now_utc(), partition_key,
    )
    kept["rejected_documents"] = pa.concat_tables([tables["rejected_documents"], duplicates])
    return kept


def load_partition(
    connection: duckdb.DuckDBPyConnection, partition_key: str, staging_dir: Path, stage: str = "load"
) -> LoadResult:
    """Replace the partition's rows with its staged files; idempotent."""
    tables = read_partition(staging_dir)
    held_elsewhere = warehouse.documents_in_other_partitions(
        connection, partition_key, tables["documents"]["doc_id"].to_pylist()
    )
    if held_elsewhere:
        tables = without_documents(tables, held_elsewhere, partition_key)
    return LoadResult(warehouse.replace_partition(connection, partition_key, tables, stage), len(held_elsewhere))
