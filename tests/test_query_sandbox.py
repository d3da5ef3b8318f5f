"""`claims query` runs in DuckDB's sandbox: every way to write, read files, load code or
change settings is refused with nothing written, and results come out in four formats."""

from __future__ import annotations

import hashlib
import json

import duckdb
import pytest

from pipelines.settings import Paths

from .conftest import SAMPLES, run_job
from .test_cli import claims

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("query_home")
    assert run_job(home, "2026-11-01", sorted(SAMPLES.glob("0[1-3]*.txt"))).success
    return home


def _fingerprint(home) -> dict[str, str]:
    """sha256 of every file the pipeline publishes or keeps: releases and both databases."""
    paths = [p for p in (home / "releases").rglob("*") if p.is_file()]
    paths += [Paths(home).snapshot_db, Paths(home).work_db]
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(paths)}


def _attacks(home, outside) -> list[str]:
    release = home / "releases" / "latest" / "claims.parquet"
    work_db = Paths(home).work_db
    return [
        f"COPY (SELECT 1) TO '{release}'",
        f"EXPLAIN ANALYZE COPY (SELECT * FROM claims) TO '{release}' (FORMAT parquet)",
        f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{work_db}'",
        f"SELECT 1; COPY (SELECT 1) TO '{outside / 'a.csv'}'",
        f"ATTACH '{work_db}' AS w",
        f"ATTACH '{outside / 'new.duckdb'}' AS n",
        "INSTALL httpfs", "LOAD httpfs", "EXPLAIN ANALYZE LOAD httpfs",
        "SET enable_external_access = true", "EXPLAIN ANALYZE SET enable_external_access = true",
        "RESET lock_configuration", "SET memory_limit = '64GB'",
        "PRAGMA enable_profiling", f"SET profiling_output = '{outside / 'p.txt'}'",
        "CALL enable_logging()", "PRAGMA memory_limit = '64GB'",
        f"SELECT * FROM read_csv('{release}')",
        "SELECT * FROM read_text('/etc/passwd')", "SELECT * FROM glob('/etc/*')",
        f"EXPORT DATABASE '{outside / 'export'}'",
        "DELETE FROM claims", "DROP TABLE claims", "CREATE TABLE x AS SELECT 1",
        "UPDATE claims SET confidence = 0", "SELECT 1; DROP VIEW claims_enriched",
    ]


def test_every_way_in_is_refused_and_nothing_changes(home, tmp_path):
    before = _fingerprint(home)
    for attack in _attacks(home, tmp_path):
        result = claims(home, "query", attack)
        assert result.returncode == 3 and "refused" in result.stderr, (attack, result.stdout, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, attack
    assert list(tmp_path.iterdir()) == []
    assert _fingerprint(home) == before
    assert claims(home, "query", "SELECT count(*) AS n FROM claims_enriched").returncode == 0


def test_session_objects_and_sorts_stay_in_memory_and_a_bad_query_is_not_a_refusal(home):
    warehouse = sorted(p.name for p in (home / "warehouse").iterdir())
    sql = ("CREATE TEMP TABLE big AS SELECT * FROM claims, range(200); "
           "SELECT count(DISTINCT content_text || range) FROM big")
    assert claims(home, "query", sql).returncode == 0  # a temporary table lives only in the session
    assert sorted(p.name for p in (home / "warehouse").iterdir()) == warehouse  # no spill files
    bad = claims(home, "query", "SELECT strptime('x', '%Y')")
    assert bad.returncode == 1 and bad.stderr.startswith("claims: query failed: ") and "refused" not in bad.stderr


def test_csv_output_reads_back_as_the_query(home, tmp_path):
    sql = "SELECT claim_id, doc_id, content_text, source_entity, cue_spans, hedged FROM claims ORDER BY claim_id"
    target = tmp_path / "claims.csv"
    assert claims(home, "query", sql, "--format", "csv", "--output", str(target)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]  # only that file
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        expected = db.execute(sql).fetchall()
        back = duckdb.sql(f"SELECT * FROM read_csv('{target}', header=true, all_varchar=true)").fetchall()
    assert len(back) == len(expected) > 0
    for got, want in zip(back, expected):
        assert got[:4] == tuple(None if v is None else str(v) for v in want[:4])
        assert json.loads(got[4]) == [dict(zip(("start", "end"), s.values())) if isinstance(s, dict) else s
                                      for s in want[4]]
        assert got[5] == str(want[5]).lower()


def test_json_parquet_and_table_formats(home, tmp_path):
    sql = "SELECT claim_id, via_entity, confidence FROM claims ORDER BY claim_id LIMIT 5"
    lines = claims(home, "query", sql, "--format", "json").stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 5 and set(rows[0]) == {"claim_id", "via_entity", "confidence"}
    parquet = tmp_path / "out.parquet"
    assert claims(home, "query", sql, "--format", "parquet", "--output", str(parquet)).returncode == 0
    assert duckdb.sql(f"SELECT claim_id FROM '{parquet}'").fetchall() == [(r["claim_id"],) for r in rows]
    table = claims(home, "query", "SELECT NULL AS nothing, 'a' || chr(10) || 'b' AS two_lines").stdout
    assert "NULL" in table and "a\\nb" in table and table.rstrip().endswith("(1 row)")


def test_output_rules_are_one_line_errors(home, tmp_path):
    no_file = claims(home, "query", "SELECT 1", "--format", "parquet")
    assert no_file.returncode == 2 and "needs --output" in no_file.stderr
    inside = claims(home, "query", "SELECT 1", "--output", str(home / "releases" / "x.csv"))
    assert inside.returncode == 2 and "CLAIMS_HOME" in inside.stderr
