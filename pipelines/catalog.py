"""What each table and column means, for readers: built from `pipelines/schema.toml`, never written here.

`TABLES` (the published tables) feeds the data card and datapackage.json; `columns_section`
is the column list in docs/querying.md, rewritten by `python -m pipelines.catalog`.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.schema import TABLES as SCHEMA_TABLES
from pipelines.schema import Table
from pipelines.warehouse import RELEASE_TABLES

QUERYING_DOC = Path(__file__).resolve().parent.parent / "docs" / "querying.md"
SECTION_START = "<!-- columns: generated from pipelines/schema.toml by `python -m pipelines.catalog` -->"
SECTION_END = "<!-- end of generated columns -->"


def _described(table: Table) -> dict:
    return {
        "description": table.description,
        "primary_key": list(table.primary_key),
        "columns": {column.name: column.description for column in table.columns},
    }


TABLES: dict[str, dict] = {name: _described(SCHEMA_TABLES[name]) for name in RELEASE_TABLES}


def _table_markdown(table: Table) -> list[str]:
    where = "In the warehouse and every release." if table.name in RELEASE_TABLES else "In the warehouse only."
    lines = [f"### {table.name}", "", f"{table.description} {where}", "",
             "| column | type | nullable | meaning |", "|---|---|---|---|"]
    lines += [f"| {c.name} | `{c.type.duckdb}` | {'yes' if c.nullable else 'no'} | {c.description} |"
              for c in table.columns]
    return [*lines, ""]


def columns_section() -> str:
    """Every table's columns as markdown, between the markers that delimit it in the doc."""
    lines = [SECTION_START, ""]
    for table in SCHEMA_TABLES.values():
        lines += _table_markdown(table)
    return "\n".join([*lines, SECTION_END])


def with_columns_section(doc: str) -> str:
    """`doc` with its generated section replaced by the one the schema gives now."""
    start, end = doc.index(SECTION_START), doc.index(SECTION_END) + len(SECTION_END)
    return doc[:start] + columns_section() + doc[end:]


if __name__ == "__main__":
    QUERYING_DOC.write_text(with_columns_section(QUERYING_DOC.read_text(encoding="utf-8")), encoding="utf-8")
