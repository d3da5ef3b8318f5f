"""The DuckDB warehouse: schema, idempotent partition loads and the published snapshot.

One writer owns `state/warehouse.duckdb`; readers only ever open the snapshot
`warehouse/claims.duckdb`, which is rebuilt as a new file and swapped in with `os.replace`,
so a reader holds either the previous or the new snapshot, never a half-written one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
SCHEMA_VERSION = "1.0.0"

# Fact tables replaced as a unit when a partition is (re)loaded, in dependency order.
PARTITIONED_TABLES = (
    "documents",
    "document_entities",
    "mentions",
    "claims",
    "claim_mentions",
    "rejected_documents",
)
# Tables a release publishes, with the columns that order their rows deterministically.
RELEASE_TABLES = {
    "documents": "doc_id",
    "entities": "entity_id",
    "mentions": "doc_id, \"start\", mention_id",
    "claims": "doc_id, sentence_index, claim_id",
    "claim_mentions": "claim_id, mention_id",
    "rejected_documents": "partition_key, source_uri, reason",
}


def read_sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


@contextlib.contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """Serialise writers across processes: DuckDB allows one writing process per file."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_suffix(".lock"), "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


@contextlib.contextmanager
def open_writer(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writing connection with the schema ensured; the caller holds `writer_lock`."""
    connection = duckdb.connect(str(db_path))
    try:
        connection.execute(read_sql("schema.sql"))
        connection.execute(read_sql("views.sql"))
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def connect_writer(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The writer's connection, held under the cross-process lock."""
    with writer_lock(db_path), open_writer(db_path) as connection:
        yield connection


# Timestamps that record when something was first seen survive reloads of its partition, so
# re-running unchanged input leaves the tables, and so the release, byte for byte the same.
FIRST_SEEN = {
    "documents": ("ingested_at", ("doc_id",)),
    "rejected_documents": ("rejected_at", ("source_uri", "reason")),
}


def replace_partition(
    connection: duckdb.DuckDBPyConnection, partition_key: str, tables: dict[str, pa.Table]
) -> dict[str, int]:
    """Replace every row of one partition in one transaction: re-running never duplicates."""
    counts: dict[str, int] = {}
    connection.execute("BEGIN TRANSACTION")
    try:
        for table, (column, keys) in FIRST_SEEN.items():
            connection.execute(
                f"CREATE OR REPLACE TEMP TABLE first_seen_{table} AS "
                f"SELECT {', '.join(keys)}, min({column}) AS first_{column} FROM {table} "
                f"WHERE partition_key = ? GROUP BY {', '.join(keys)}", [partition_key],
            )
        for table in reversed(PARTITIONED_TABLES):
            connection.execute(f"DELETE FROM {table} WHERE partition_key = ?", [partition_key])
        for table in PARTITIONED_TABLES:
            data = tables.get(table)
            if data is None or data.num_rows == 0:
                counts[table] = 0
                continue
            columns = [row[0] for row in connection.execute(f"DESCRIBE {table}").fetchall()]
            connection.register("incoming", data.select(columns))
            if table in FIRST_SEEN:
                column, keys = FIRST_SEEN[table]
                connection.execute(
                    f"INSERT INTO {table} SELECT incoming.* REPLACE "
                    f"(coalesce(seen.first_{column}, incoming.{column}) AS {column}) "
                    f"FROM incoming LEFT JOIN first_seen_{table} seen USING ({', '.join(keys)})"
                )
            else:
                connection.execute(f"INSERT INTO {table} SELECT * FROM incoming")
            connection.unregister("incoming")
            counts[table] = data.num_rows
        connection.execute(read_sql("refresh_entities.sql"))
        connection.execute("COMMIT")
    except Exception:
        connection.execute("ROLLBACK")
        raise
    return counts


def documents_in_other_partitions(
    connection: duckdb.DuckDBPyConnection, partition_key: str, doc_ids: list[str]
) -> dict[str, str]:
    """doc_id -> partition for documents of this batch that an earlier partition already holds."""
    if not doc_ids:
        return {}
    rows = connection.execute(
        "SELECT doc_id, partition_key FROM documents "
        "WHERE partition_key <> ? AND doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [partition_key, doc_ids],
    ).fetchall()
    return dict(rows)


def copy_database(source: Path, destination: Path) -> Path:
    """Copy a closed DuckDB file to a new file and swap it in atomically.

    Whoever has `destination` open keeps reading the old file; new readers get the new one.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    if source.exists():
        shutil.copyfile(source, temporary)
    else:
        duckdb.connect(str(temporary)).close()
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, destination)
    return destination


@contextlib.contextmanager
def open_reader(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


def connect_reader(snapshot_db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published snapshot."""
    if not snapshot_db.exists():
        raise FileNotFoundError(f"no published warehouse at {snapshot_db}: run `claims run` first")
    return duckdb.connect(str(snapshot_db), read_only=True)
