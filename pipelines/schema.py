"""Every warehouse table as `schema.toml` declares it, and each format's spelling of its types.

The one source of table schemas: staging's Arrow schemas, the data card and datapackage.json
descriptions (`catalog`) and the column list in docs/querying.md are built from `TABLES`;
tests/test_schema.py holds the applied migrations and the extractor's records to it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

SCHEMA_FILE = Path(__file__).with_name("schema.toml")


@dataclass(frozen=True)
class ColumnType:
    """One type as each format spells it."""

    arrow: pa.DataType
    duckdb: str
    """As DuckDB's information_schema reports the type a migration declared."""
    table_schema: str
    """The Frictionless Table Schema type in datapackage.json."""


COLUMN_TYPES = {
    "string": ColumnType(pa.string(), "VARCHAR", "string"),
    "integer": ColumnType(pa.int32(), "INTEGER", "integer"),
    "bigint": ColumnType(pa.int64(), "BIGINT", "integer"),
    "number": ColumnType(pa.float64(), "DOUBLE", "number"),
    "boolean": ColumnType(pa.bool_(), "BOOLEAN", "boolean"),
    "date": ColumnType(pa.date32(), "DATE", "date"),
    "datetime": ColumnType(pa.timestamp("us", tz="UTC"), "TIMESTAMP WITH TIME ZONE", "datetime"),
    # "any", not "array": frictionless reads a Parquet list as a numpy array, which its array
    # type refuses (every span cell a type error); the column's description gives the shape.
    "spans": ColumnType(
        pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())])),
        'STRUCT("start" INTEGER, "end" INTEGER)[]',
        "any",
    ),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    nullable: bool


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def arrow_schema(self) -> pa.Schema:
        """Every field nullable, as staged files have always been; the warehouse enforces NOT NULL."""
        return pa.schema([(column.name, column.type.arrow) for column in self.columns])

    def table_schema(self) -> dict:
        """Its Frictionless Table Schema; NOT NULL columns are `required`, so validators check that too."""
        fields = [{"name": column.name, "type": column.type.table_schema, "description": column.description,
                   **({} if column.nullable else {"constraints": {"required": True}})}
                  for column in self.columns]
        return {"fields": fields, **({"primaryKey": list(self.primary_key)} if self.primary_key else {})}


def _description(declared: dict, where: str) -> str:
    """Refuse an undescribed table or column: its data card and datapackage entry would be blank."""
    description = declared.get("description", "")
    if not description.strip():
        raise ValueError(f"{where} has no description in {SCHEMA_FILE.name}")
    return description


def parse_tables(text: str) -> dict[str, Table]:
    """The tables a schema.toml text declares, in its order."""
    tables = {}
    for name, declared in tomllib.loads(text).items():
        columns = tuple(
            Column(column, COLUMN_TYPES[spec["type"]], _description(spec, f"{name}.{column}"),
                   spec.get("nullable", False))
            for column, spec in declared["columns"].items()
        )
        tables[name] = Table(name, _description(declared, name), columns, tuple(declared.get("primary_key", ())))
    return tables


TABLES: dict[str, Table] = parse_tables(SCHEMA_FILE.read_text(encoding="utf-8"))
