"""pipelines/schema.toml is the one schema: the migrations, records and docs agree with it."""

from __future__ import annotations

import dataclasses
import shutil

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


def test_a_schema_1_warehouse_migrates_keeping_its_rows_and_dropping_machine_paths(tmp_path):
    """The first migration alone gives a schema 1 warehouse, as a run before version 2 left it."""
    first_only = tmp_path / "migrations"
    first_only.mkdir()
    shutil.copy(warehouse.MIGRATIONS_DIR / "0001_initial.sql", first_only)
    with duckdb.connect(str(tmp_path / "v1.duckdb")) as connection:
        warehouse.migrate(connection, first_only)
        connection.execute(
            "INSERT INTO documents VALUES ('d1', '/home/ci/data/inbox/2026-11-23/a.txt', NULL, 'T', NULL, 'en', "
            "'Text.', 5, 'x', now(), '2026-11-23'), ('d2', '/tmp/pytest-7/in/feed.jsonl#L3', NULL, NULL, NULL, "
            "'en', 'More.', 5, 'y', now(), '2026-11-23'), ('d3', 'https://example.com/a', NULL, NULL, NULL, "
            "'en', 'Url.', 4, 'z', now(), '2026-11-23')")
        connection.execute(
            "INSERT INTO claims VALUES ('c1', 'd1', 0, 'said', 'say', [{'start': 0, 'end': 4}], NULL, [], NULL, "
            "NULL, 'none', NULL, [], NULL, NULL, 'Text', [{'start': 0, 'end': 4}], 'indirect', true, NULL, [], "
            "NULL, false, 0.5, 'v1', '2026-11-23')")
        connection.execute("INSERT INTO document_entities VALUES ('d1', 'ent_t', 'Donald Trump', 'PERSON', '2026-11-23')")
        connection.execute("CREATE VIEW claims_enriched AS SELECT c.*, d.outlet, d.title, d.published_at, "
                           "d.source_uri FROM claims c JOIN documents d USING (doc_id)")  # as schema 1 had it
        assert warehouse.migrate(connection) == ["0002_external_ids_source_roles_input_files", "0003_entity_aliases"]
        # every entity it had is its own, as its rows say
        assert connection.execute("SELECT * FROM entity_aliases").fetchall() == [
            ("ent_t", "Donald Trump", "PERSON", "ent_t", "new", "2026-11-23")]
        connection.execute(warehouse.read_sql("views.sql"))
        assert connection.execute("SELECT doc_id, external_id, source_uri FROM documents ORDER BY 1").fetchall() == [
            ("d1", None, "2026-11-23/a.txt"), ("d2", None, "feed.jsonl#L3"), ("d3", None, "https://example.com/a")]
        assert connection.execute(
            "SELECT claim_id, source_entity, source_role, source_kind, external_id FROM claims_enriched").fetchall() == [
            ("c1", None, None, "none", None)]
        columns = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'claims' "
            "ORDER BY ordinal_position").fetchall()
        assert [name for (name,) in columns] == TABLES["claims"].column_names
