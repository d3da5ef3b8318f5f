"""pipelines/schema.toml is the one schema: the migrations, records and docs agree with it."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from pipelines import catalog, warehouse
from pipelines.extraction.records import Claim, Entity, Mention
from pipelines.ingest import Document, Rejection
from pipelines.schema import TABLES, parse_tables

# Kept by `warehouse.migrate` itself to record which migrations ran; no migration creates it.
MIGRATION_BOOKKEEPING = "schema_migrations"


@pytest.fixture(scope="module")
def migrated():
    with duckdb.connect(":memory:") as connection:
        warehouse.migrate(connection)
        yield connection


def names(record_type) -> list[str]:
    return [field.name for field in dataclasses.fields(record_type)]


@pytest.mark.parametrize("column", ['{ type = "string" }', '{ type = "string", description = " " }'])
def test_a_column_without_a_description_is_refused(column):
    declared = f'[notes]\ndescription = "Notes."\n[notes.columns]\nnote = {column}\n'
    with pytest.raises(ValueError, match="notes.note has no description"):
        parse_tables(declared)


def test_primary_keys_are_columns_of_their_table():
    assert all(set(table.primary_key) <= set(table.column_names) for table in TABLES.values())


def test_migrations_create_exactly_the_schema_tables(migrated):
    created = {row[0] for row in migrated.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()}
    assert created - {MIGRATION_BOOKKEEPING} == set(TABLES)


@pytest.mark.parametrize("table", TABLES.values(), ids=lambda table: table.name)
def test_migrated_columns_have_the_schema_names_types_and_nullability(migrated, table):
    applied = migrated.execute(
        "SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position", [table.name]).fetchall()
    assert applied == [(c.name, c.type.duckdb, c.nullable) for c in table.columns]


def test_primary_keys_the_migrations_declare_are_the_schema_keys(migrated):
    declared = migrated.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' AND table_name <> ?", [MIGRATION_BOOKKEEPING]).fetchall()
    assert declared and all(list(TABLES[table].primary_key) == columns for table, columns in declared)


def test_extractor_records_have_the_columns_of_the_tables_they_feed():
    """Staging adds doc_id and partition_key; a claim's mention_ids go to claim_mentions."""
    assert sorted([*names(Claim), "partition_key"]) == sorted([*TABLES["claims"].column_names, "mention_ids"])
    assert sorted([*names(Mention), "partition_key"]) == sorted(TABLES["mentions"].column_names)
    assert sorted(["doc_id", *names(Entity), "partition_key"]) == sorted(TABLES["document_entities"].column_names)
    assert set(names(Entity)) <= set(TABLES["entities"].column_names)


def test_ingest_records_have_the_columns_of_the_tables_they_feed():
    assert sorted([*names(Document), "ingested_at", "partition_key"]) == sorted(TABLES["documents"].column_names)
    assert sorted([*names(Rejection), "rejected_at", "partition_key"]) == sorted(TABLES["rejected_documents"].column_names)


def test_querying_doc_lists_the_columns_the_schema_defines():
    doc = catalog.QUERYING_DOC.read_text(encoding="utf-8")
    assert catalog.with_columns_section(doc) == doc, "run `.venv/bin/python -m pipelines.catalog` to regenerate"
