"""`claims query` and `claims show`: read-only SQL on the published snapshot, in DuckDB's own
sandbox, and the result in the format a user asked for.

The sandbox is DuckDB's, not a parse of the SQL: the snapshot is opened read-only with
external access off (no file is read or written, no ATTACH, INSTALL or LOAD), extensions
neither installed nor loaded automatically, and the configuration locked, so no statement
(EXPLAIN ANALYZE, PRAGMA, SET, CALL, a table function, several statements at once) can
turn any of it back on. The views read only the snapshot's own tables.

Since DuckDB may not write files, the result is fetched as an Arrow table and written here:
to standard output, or to the one `--output` file (complete or not at all). Formats:
- table: aligned columns for reading, NULL shown as NULL, newlines inside values escaped;
- csv: RFC 4180 with a header, NULL as an empty field (DuckDB's and pandas' readers agree);
- json: one JSON object per line, NULL as null, dates as ISO strings;
- parquet: the Arrow table as it came (needs --output).
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.atomic import replacing

if TYPE_CHECKING:  # imported where used: every `claims` command imports this module for FORMATS
    import duckdb
    import pyarrow as pa

FORMATS = ("table", "csv", "json", "parquet")
SANDBOX = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    # no spilling to disk: a large sort fails with "out of memory" instead of writing
    # temporary files beside the snapshot
    "temp_directory": "",
    "memory_limit": "1GB",
    "lock_configuration": True,
}
# what a refused statement raises (besides PermissionException): a locked setting or a write
# to the read-only snapshot; any other error is a bad query
REFUSAL_MARKS = ("the configuration has been locked", "read-only", "read only")


def connect_sandboxed(snapshot_db: Path) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection to the published snapshot."""
    import duckdb

    if not snapshot_db.exists():
        raise FileNotFoundError(f"no published warehouse at {snapshot_db}: run `claims run` first")
    return duckdb.connect(str(snapshot_db), read_only=True, config=SANDBOX)


def is_refusal(error: duckdb.Error) -> bool:
    """Whether DuckDB refused the statement (sandbox or read-only), not merely failed it."""
    import duckdb

    return isinstance(error, duckdb.PermissionException) or any(
        mark in str(error) for mark in REFUSAL_MARKS)


def run_query(connection: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """Run every statement of `sql`; the result of the last one."""
    import pyarrow as pa

    *leading, last = connection.extract_statements(sql) or [None]
    if last is None:
        raise ValueError("no SQL statement given")
    for statement in leading:
        connection.execute(statement).fetchall()
    relation = connection.sql(last.query)  # None for a statement that returns no rows
    return relation.to_arrow_table() if relation is not None else pa.table({})
MAX_TABLE_WIDTH = 60  # characters a cell shows in the table format before it is cut


def _json_value(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _table_cell(value: object) -> str:
    if value is None:
        return "NULL"
    text = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return text if len(text) <= MAX_TABLE_WIDTH else text[:MAX_TABLE_WIDTH - 1] + "…"


def render_table(result: pa.Table) -> str:
    rows = [[_table_cell(v) for v in row.values()] for row in result.to_pylist()]
    widths = [max([len(name)] + [len(row[k]) for row in rows]) for k, name in enumerate(result.column_names)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(result.column_names, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({result.num_rows} row{'s' if result.num_rows != 1 else ''})")
    return "\n".join(lines) + "\n"


def render_json(result: pa.Table) -> str:
    return "".join(json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
                   for row in result.to_pylist())


def _flat(result: pa.Table) -> pa.Table:
    """Nested columns (span lists, structs) as JSON text: CSV has no nested values."""
    import pyarrow as pa

    columns = []
    for column in result.columns:
        if pa.types.is_nested(column.type):
            column = pa.array([None if v is None else json.dumps(_json_value(v)) for v in column.to_pylist()],
                              pa.string())
        columns.append(column)
    return pa.table(columns, names=result.column_names)


def render_csv(result: pa.Table) -> str:
    import pyarrow.csv as pa_csv

    buffer = io.BytesIO()
    pa_csv.write_csv(_flat(result), buffer)
    return buffer.getvalue().decode("utf-8")


def write_result(result: pa.Table, fmt: str, output: Path | None) -> None:
    """Print the result, or write it to `output` (that one file, atomically)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with replacing(output) as temporary:
            pq.write_table(result, temporary)
        return
    text = {"table": render_table, "csv": render_csv, "json": render_json}[fmt](result)
    if output is None:
        sys.stdout.write(text)
        return
    with replacing(output) as temporary:
        temporary.write_text(text, encoding="utf-8")
