"""The DuckDB warehouse: schema, idempotent partition loads and the published snapshot.

One writer owns `state/warehouse.duckdb`; readers only ever open the snapshot
`warehouse/claims.duckdb`, which is rebuilt as a new file and swapped in with `os.replace`,
so a reader holds either the previous or the new snapshot, never a half-written one.
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipelines import atomic
from pipelines.faults import pause_point
from pipelines.linking import link_partition

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
MIGRATIONS_DIR = SQL_DIR / "migrations"
SCHEMA_VERSION = "2.1.0"

# Fact tables replaced as a unit when a partition is (re)loaded, in dependency order.
PARTITIONED_TABLES = (
    "documents",
    "document_entities",
    "mentions",
    "claims",
    "claim_mentions",
    "rejected_documents",
    "input_files",
)
# Tables a release publishes, with the columns that order their rows deterministically.
RELEASE_TABLES = {
    "documents": "doc_id",
    "entities": "entity_id",
    "mentions": "doc_id, \"start\", mention_id",
    "claims": "doc_id, sentence_index, claim_id",
    "claim_mentions": "claim_id, mention_id",
    "rejected_documents": "partition_key, source_uri, reason, detail",
    "input_files": "partition_key, source_uri, sha256",
    "entity_aliases": "entity_id, alias_id",
    "entity_merges": "entity_id",
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


def migrate(connection: duckdb.DuckDBPyConnection, migrations_dir: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply the numbered migrations (NNNN_name.sql) not yet recorded in schema_migrations.

    Each runs in its own transaction with its record, so a warehouse is never half-migrated.
    """
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied = {row[0] for row in connection.execute("SELECT version FROM schema_migrations").fetchall()}
    done = []
    for path in sorted(migrations_dir.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:4])
        if version in applied:
            continue
        connection.execute("BEGIN TRANSACTION")
        try:
            connection.execute(path.read_text(encoding="utf-8"))
            connection.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, path.stem])
            connection.execute("COMMIT")
        except Exception:
            connection.execute("ROLLBACK")
            raise
        done.append(path.stem)
    return done


def _config(memory_limit: str | None) -> dict:
    """Connection settings; `memory_limit` bounds DuckDB's buffer pool, beyond it DuckDB spills.

    Only for files the pipeline alone opens: within one process DuckDB refuses a connection
    whose settings differ from those of a connection already open on the same file.
    """
    return {"memory_limit": memory_limit} if memory_limit else {}


@contextlib.contextmanager
def open_writer(db_path: Path, memory_limit: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writing connection with the schema ensured; the caller holds `writer_lock`."""
    connection = duckdb.connect(str(db_path), config=_config(memory_limit))
    try:
        migrate(connection)
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
    connection: duckdb.DuckDBPyConnection, partition_key: str, sources: dict[str, str], stage: str = "load"
) -> dict[str, int]:
    """Replace every row of one partition in one transaction: re-running never duplicates.

    `sources` maps each partitioned table to a SELECT giving its new rows.
    """
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
            # BY NAME: columns a later migration added and the loader does not know stay NULL
            if table in FIRST_SEEN:
                column, keys = FIRST_SEEN[table]
                connection.execute(
                    f"INSERT INTO {table} BY NAME SELECT incoming.* REPLACE "
                    f"(coalesce(seen.first_{column}, incoming.{column}) AS {column}) "
                    f"FROM ({sources[table]}) incoming LEFT JOIN first_seen_{table} seen USING ({', '.join(keys)})"
                )
            else:
                connection.execute(f"INSERT INTO {table} BY NAME {sources[table]}")
        link_partition(connection, partition_key)
        connection.execute(read_sql("refresh_entities.sql"))
        counts = {table: connection.execute(f"SELECT count(*) FROM {table} WHERE partition_key = ?",
                                            [partition_key]).fetchone()[0]
                  for table in PARTITIONED_TABLES}
        pause_point(f"{stage}:in-transaction")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return counts


def record_run(
    connection: duckdb.DuckDBPyConnection, run_id: str, partition_key: str, extractor_version: str, model: str,
    counts: dict[str, int],
) -> None:
    """Note in `runs` what produced the partition's rows now in the warehouse."""
    connection.execute(read_sql("record_run.sql"), {
        "run_id": run_id, "partition_key": partition_key, "extractor_version": extractor_version, "model": model,
        "n_documents": counts["documents"], "n_rejected": counts["rejected_documents"],
        "n_claims": counts["claims"], "n_mentions": counts["mentions"],
    })


def loaded_partitions(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Every partition the warehouse holds, in order: a release's provenance."""
    return [row[0] for row in connection.execute(read_sql("loaded_partitions.sql")).fetchall()]


def partition_stats(connection: duckdb.DuckDBPyConnection, partition_key: str | None) -> dict[str, float | None]:
    """The figures drift is judged on, of one partition or (None) of the whole warehouse."""
    cursor = connection.execute(read_sql("partition_stats.sql"), {"partition_key": partition_key})
    names = [column[0] for column in cursor.description]
    return {name: None if value is None else float(value) for name, value in zip(names, cursor.fetchone())}


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
    if wal_of(source).exists():  # committed work a killed writer left in the WAL: fold it in first
        duckdb.connect(str(source)).execute("CHECKPOINT").close()
    with atomic.replacing(destination) as temporary:
        if source.exists():
            shutil.copyfile(source, temporary)
        else:
            duckdb.connect(str(temporary)).close()
        wal_of(destination).unlink(missing_ok=True)  # a stale WAL would be replayed onto the new file
    return destination


def publish_snapshot(pending: Path, snapshot_db: Path) -> None:
    """Swap a run's snapshot (made by `copy_database`) in as the one readers open."""
    snapshot_db.parent.mkdir(parents=True, exist_ok=True)
    atomic.commit(pending, snapshot_db)


def wal_of(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".wal")


@contextlib.contextmanager
def open_reader(db_path: Path, memory_limit: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(db_path), read_only=True, config=_config(memory_limit))
    try:
        yield connection
    finally:
        connection.close()
