"""The quality gate, run for real: bad partitions stop the release, drift only warns."""

from __future__ import annotations

import json

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from pipelines.release import latest_version
from pipelines.settings import Paths

from .conftest import SAMPLES, STAGES_BEFORE_LOAD, STAGES_FROM_LOAD, failed_checks, run_job

pytestmark = pytest.mark.slow

FIRST = "2026-11-20"
SMALL_INPUT = sorted(SAMPLES.glob("0[1-6]-*.txt"))


@pytest.fixture()
def published_home(tmp_path):
    """A CLAIMS_HOME whose latest release holds the sample articles 07-20."""
    assert run_job(tmp_path, FIRST, sorted(SAMPLES.glob("[12][0-9]-*.txt")) + sorted(SAMPLES.glob("0[7-9]-*.txt"))).success
    return tmp_path


def _stage_then_tamper(home, partition, tamper) -> None:
    assert run_job(home, partition, SMALL_INPUT, stages=STAGES_BEFORE_LOAD).success
    staging = Paths(home).staging_for(partition)
    tables = {name: pq.read_table(staging / f"{name}.parquet") for name in ("documents", "claims", "claim_mentions")}
    for name, table in tamper(tables).items():
        pq.write_table(table, staging / f"{name}.parquet")


def _snapshot_documents(home) -> int:
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        return db.execute("SELECT count(*) FROM documents").fetchone()[0]


def _shift_first_content_span(tables):
    claims = tables["claims"].to_pylist()
    claims[0]["content_spans"][0]["start"] += 1
    return {"claims": pa.Table.from_pylist(claims, schema=tables["claims"].schema)}


def _drop_a_document_with_claims(tables):
    victim = tables["claims"]["doc_id"][0]
    return {"documents": tables["documents"].filter(pc.not_equal(tables["documents"]["doc_id"], victim))}


@pytest.mark.parametrize("tamper, suite", [
    (_shift_first_content_span, "claims_suite"),
    (_drop_a_document_with_claims, "claims_suite"),
])
def test_a_corrupted_partition_is_not_published_and_latest_stays(published_home, tamper, suite):
    home, partition = published_home, "2026-11-21"
    before_version, before_docs = latest_version(Paths(home).releases), _snapshot_documents(home)
    _stage_then_tamper(home, partition, tamper)

    result = run_job(home, partition, stages=STAGES_FROM_LOAD)

    assert not result.success
    assert failed_checks(result).get(suite) == "ERROR"
    assert latest_version(Paths(home).releases) == before_version
    assert _snapshot_documents(home) == before_docs
    [report_dir] = [p for p in (Paths(home).home / "reports" / partition).iterdir() if p.is_dir()]
    report = json.loads((report_dir / "claims.json").read_text())
    failed = [o for o in report["outcomes"] if not o["success"]]
    assert failed and all(o["unexpected_count"] >= 1 and o["unexpected_sample"] for o in failed)
    assert "FAILED" in (report_dir / "report.md").read_text()

    # the refused partition never reaches a later release
    assert run_job(home, "2026-11-22", [SAMPLES / "wire.jsonl"]).success
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        partitions = {r[0] for r in db.execute("SELECT DISTINCT partition_key FROM documents").fetchall()}
    assert partitions == {FIRST, "2026-11-22"}


def test_in_chunks_of_two_documents_the_gate_still_sees_every_row(published_home, monkeypatch):
    """Orphan claims (their document dropped) fall outside every document's chunk but not
    outside the chunks' open-ended ranges; row counts add up over the chunks."""
    monkeypatch.setenv("CLAIMS_GATE_DOCS_PER_CHUNK", "2")
    home, partition = published_home, "2026-11-21"
    _stage_then_tamper(home, partition, _drop_a_document_with_claims)
    staged = pq.read_table(Paths(home).staging_for(partition) / "claims.parquet").num_rows

    result = run_job(home, partition, stages=STAGES_FROM_LOAD)

    assert not result.success and failed_checks(result).get("claims_suite") == "ERROR"
    [report_dir] = [p for p in (Paths(home).home / "reports" / partition).iterdir() if p.is_dir()]
    report = json.loads((report_dir / "claims.json").read_text())
    assert report["n_rows"] == staged
    [orphans] = [o for o in report["outcomes"] if o["column"] == "document_exists"]
    assert not orphans["success"] and orphans["unexpected_count"] >= 1


def test_a_clean_partition_is_published_with_its_validation_results(published_home):
    home, partition = published_home, "2026-11-21"
    before = latest_version(Paths(home).releases)
    result = run_job(home, partition, SMALL_INPUT)
    assert result.success and failed_checks(result) == {}
    after = latest_version(Paths(home).releases)
    assert after != before
    release_dir = Paths(home).releases / after
    assert json.loads((release_dir / "validation" / "claims.json").read_text())["success"] is True
    assert json.loads((release_dir / "datapackage.json").read_text())["partitions"] == [FIRST, partition]


def test_drift_within_warn_bounds_warns_without_blocking(published_home):
    """Keep a third of the claims: valid rows, but claims per 1,000 words falls far enough to warn."""
    home, partition = published_home, "2026-11-21"

    def keep_a_third_of_claims(tables):
        claims = tables["claims"]
        kept = claims.filter(pa.array([i % 3 == 0 for i in range(claims.num_rows)]))
        links = tables["claim_mentions"]
        return {"claims": kept, "claim_mentions": links.filter(pc.is_in(links["claim_id"], kept["claim_id"]))}

    _stage_then_tamper(home, partition, keep_a_third_of_claims)
    result = run_job(home, partition, stages=STAGES_FROM_LOAD)
    assert result.success
    assert failed_checks(result) == {"distribution_suite": "WARN"}
    package = json.loads((Paths(home).latest_release / "datapackage.json").read_text())
    assert partition in package["partitions"]
