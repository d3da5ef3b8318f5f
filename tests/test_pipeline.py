"""The whole nightly job, materialised for real into a temp CLAIMS_HOME."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipelines import quality
from pipelines.release import sha256_file
from pipelines.settings import Paths
from pipelines.warehouse import read_sql

from .conftest import SAMPLES, SEED_GOLD, needs_shared, run_job

pytestmark = pytest.mark.slow
PARTITION = "2026-11-25"


@pytest.fixture(scope="module")
def sample_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("claims_home")
    first = run_job(home, PARTITION, [SAMPLES])
    assert first.success
    paths = Paths(home)
    with duckdb.connect(str(paths.snapshot_db), read_only=True) as db:
        first_claim_ids = [r[0] for r in db.execute("SELECT claim_id FROM claims ORDER BY 1").fetchall()]
    return home, first_claim_ids


def _counts(db_path, tables=("documents", "claims", "mentions", "entities", "claim_mentions", "rejected_documents")):
    with duckdb.connect(str(db_path), read_only=True) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_sample_run_loads_every_table_and_records_every_bad_input(sample_home):
    home, _ = sample_home
    counts = _counts(Paths(home).snapshot_db)
    assert counts["documents"] == 23
    assert counts["claims"] >= 60
    assert counts["mentions"] > 100 and counts["entities"] > 50 and counts["claim_mentions"] > 0
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        reasons = sorted(r[0] for r in db.execute("SELECT reason FROM rejected_documents").fetchall())
        assert reasons == ["duplicate", "empty", "empty", "empty", "malformed_json", "not_text"]
        # every span of every claim and mention is the text substr() returns
        bad = db.execute(
            f"SELECT count(*) FROM ({read_sql('span_consistency.sql')}) WHERE NOT span_matches_text",
            {"partition_key": PARTITION, "doc_from": None, "doc_below": None},
        ).fetchone()[0]
        assert bad == 0
        kinds = {r[0] for r in db.execute("SELECT DISTINCT quote_type FROM claims").fetchall()}
        assert kinds == {"direct", "indirect", "mixed"}


def test_release_has_a_parquet_file_per_table_and_a_checked_datapackage(sample_home):
    home, _ = sample_home
    latest = Paths(home).latest_release
    assert latest.is_symlink()
    package = json.loads((latest / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    counts = _counts(Paths(home).snapshot_db)
    for table, count in counts.items():
        entry = resources[table]
        assert entry["rows"] == count
        assert entry["hash"] == "sha256:" + sha256_file(latest / entry["path"])
        with duckdb.connect() as db:
            assert db.execute(f"SELECT count(*) FROM '{latest / entry['path']}'").fetchone()[0] == count
    for name in ("claims.json", "documents.json", "distribution.json", "report.md"):
        assert (latest / "validation" / name).exists()


def test_rerunning_a_partition_replaces_its_rows_with_the_same_ids(sample_home):
    home, first_claim_ids = sample_home
    before = _counts(Paths(home).snapshot_db)
    result = run_job(home, PARTITION, [SAMPLES])
    assert result.success
    extracted = result.asset_materializations_for_node("extracted_claims")[0].metadata
    assert extracted["n_parsed"].value == 0 and extracted["n_carried_over"].value == 23
    verdicts = {e.check_name: e.metadata["verdict_reused_from_run"].value for e in result.get_asset_check_evaluations()
                if "verdict_reused_from_run" in e.metadata}
    assert len(verdicts) == len(quality.SUITES) and all(verdicts.values())  # unchanged partition: the gate's verdict is reused
    assert _counts(Paths(home).snapshot_db) == before
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        claim_ids = [r[0] for r in db.execute("SELECT claim_id FROM claims ORDER BY 1").fetchall()]
        assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 2
        assert db.execute("SELECT count(*) FROM releases").fetchone()[0] == 1  # unchanged data: no new version
    assert claim_ids == first_claim_ids


@needs_shared
def test_the_seed_article_gives_at_least_ten_consistent_claims(tmp_path):
    assert run_job(tmp_path, PARTITION, [SEED_GOLD]).success
    with duckdb.connect(str(Paths(tmp_path).snapshot_db), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM claims").fetchone()[0] >= 10
        assert db.execute(
            f"SELECT count(*) FROM ({read_sql('span_consistency.sql')}) WHERE NOT span_matches_text",
            {"partition_key": PARTITION, "doc_from": None, "doc_below": None},
        ).fetchone()[0] == 0
