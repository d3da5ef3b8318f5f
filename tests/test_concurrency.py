"""Readers in a loop while two runs write at once; and a schema migration that keeps every row."""

from __future__ import annotations

import json
import shutil
import threading

import duckdb
import pytest

from pipelines import release, schema, warehouse
from pipelines.settings import Paths

from .conftest import SAMPLES, run_job
from .test_cli import claims, start_claims

pytestmark = pytest.mark.slow


def read_snapshot(paths: Paths) -> tuple[int, int]:
    """(claims in the snapshot, claims its newest release row recorded): equal for a whole snapshot."""
    with duckdb.connect(str(paths.snapshot_db), read_only=True) as db:
        n_claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
        recorded = db.execute("SELECT n_claims FROM releases ORDER BY created_at DESC LIMIT 1").fetchone()[0]
    return n_claims, recorded


def read_latest_release(paths: Paths) -> str:
    """Every file of `latest` against its datapackage: row counts and hashes must agree."""
    version_dir = paths.releases / release.latest_version(paths.releases)
    package = json.loads((version_dir / "datapackage.json").read_text())
    with duckdb.connect() as db:
        for resource in package["resources"]:
            rows = db.execute(f"SELECT count(*) FROM '{version_dir / resource['path']}'").fetchone()[0]
            assert rows == resource["rows"], f"{resource['path']} has {rows} rows, datapackage {resource['rows']}"
    assert release.validate_datapackage(version_dir) == []
    return package["version"]


def test_readers_never_fail_or_see_a_mix_while_two_runs_publish(tmp_path):
    paths = Paths(tmp_path)
    assert run_job(tmp_path, "2026-11-01", sorted(SAMPLES.glob("0*.txt"))).success
    errors, snapshots, versions, stop = [], set(), set(), threading.Event()

    def read_in_a_loop():
        while not stop.is_set():
            try:
                snapshots.add(read_snapshot(paths))
                versions.add(read_latest_release(paths))
            except Exception as error:  # any failure to read is the finding
                errors.append(repr(error))

    readers = [threading.Thread(target=read_in_a_loop) for _ in range(2)]
    for reader in readers:
        reader.start()
    runs = [start_claims(tmp_path, "run", "--partition", partition, "--input", *map(str, files))
            for partition, files in (("2026-11-02", sorted(SAMPLES.glob("1*.txt"))),
                                     ("2026-11-03", [SAMPLES / "wire.jsonl", SAMPLES / "20-museum-theft.txt"]))]
    try:
        outputs = [run.communicate(timeout=600)[0] for run in runs]
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert errors == []
    assert all(n_claims == recorded for n_claims, recorded in snapshots)
    assert len(versions) >= 2
    package = json.loads((paths.latest_release / "datapackage.json").read_text())
    assert package["partitions"] == ["2026-11-01", "2026-11-02", "2026-11-03"]
    assert package["version"] == release.list_versions(paths.releases)[-1]


def test_migration_adds_a_column_without_losing_rows_and_is_recorded(tmp_path, monkeypatch):
    home = tmp_path / "home"
    assert run_job(home, "2026-11-01", sorted(SAMPLES.glob("0*.txt"))).success
    migrations = tmp_path / "migrations"
    shutil.copytree(warehouse.MIGRATIONS_DIR, migrations)
    number = len(list(migrations.glob("*.sql"))) + 1  # the next migration, whatever the last one is
    name = f"{number:04d}_claim_review_status"
    (migrations / f"{name}.sql").write_text(
        "ALTER TABLE claims ADD COLUMN review_status VARCHAR DEFAULT 'unreviewed';\n", encoding="utf-8")
    tables = ("documents", "claims", "mentions", "entities", "claim_mentions", "rejected_documents")

    with warehouse.connect_writer(Paths(home).work_db) as db:
        before = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        assert warehouse.migrate(db, migrations) == [name]
        assert warehouse.migrate(db, migrations) == []  # applied once only
        after = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        statuses = db.execute("SELECT DISTINCT review_status FROM claims").fetchall()
        recorded = db.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall()
    assert after == before and statuses == [("unreviewed",)]
    assert recorded[0] == (1, "0001_initial") and recorded[-1] == (number, name) and len(recorded) == number

    # A schema change is a migration plus its line in schema.toml (tests/test_schema.py holds the two
    # together): the release describes its files from schema.toml, and a column it does not
    # declare would fail the datapackage check instead of being published undescribed.
    declared = schema.SCHEMA_FILE.read_text(encoding="utf-8").replace("\n[claim_mentions]", (
        '\nreview_status = { type = "string", description = "Whether someone reviewed the claim." }\n\n[claim_mentions]'), 1)
    monkeypatch.setitem(schema.TABLES, "claims", schema.parse_tables(declared)["claims"])
    # the pipeline keeps loading into the migrated warehouse, and the release says what changed
    assert run_job(home, "2026-11-02", sorted(SAMPLES.glob("1*.txt"))).success
    changelog = (Paths(home).latest_release / "CHANGELOG.md").read_text()
    assert "claims.review_status: added (string)" in changelog


def test_query_refuses_statements_that_write(tmp_path):
    assert run_job(tmp_path, "2026-11-01", [SAMPLES / "01-harbour-strike.txt"]).success
    target = tmp_path / "exported.csv"
    for statement in (f"COPY (SELECT * FROM claims) TO '{target}'", f"ATTACH '{tmp_path / 'other.duckdb'}'",
                      "DELETE FROM claims", "SELECT 1; DROP TABLE claims", f"EXPORT DATABASE '{tmp_path / 'x'}'"):
        result = claims(tmp_path, "query", statement)
        assert result.returncode == 3 and "refused" in result.stderr, statement
    assert not target.exists() and not (tmp_path / "other.duckdb").exists()
    assert claims(tmp_path, "query", "SELECT count(*) FROM claims").returncode == 0
