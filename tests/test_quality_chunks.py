"""The gate validates document-scoped suites a chunk of documents at a time."""

from __future__ import annotations

import duckdb

from pipelines.quality import ExpectationOutcome, SuiteReport, doc_chunks, merge_reports


def _in(chunk: dict, doc_id: str) -> bool:
    lo, hi = chunk["doc_from"], chunk["doc_below"]
    return (lo is None or doc_id >= lo) and (hi is None or doc_id < hi)


def test_chunks_cover_every_doc_id_once_and_hold_at_most_size_documents():
    db = duckdb.connect()
    db.execute("CREATE TABLE documents (doc_id VARCHAR, partition_key VARCHAR)")
    ids = [f"doc_{i:020x}" for i in range(0, 2000, 3)]
    db.execute("INSERT INTO documents SELECT unnest($ids), '2026-11-25'", {"ids": ids})
    db.execute("INSERT INTO documents VALUES ('doc_ffffffffffffffffffff', '2026-11-24')")
    chunks = doc_chunks(db, "2026-11-25", size=100)
    assert len(chunks) == -(-len(ids) // 100)
    for doc_id in ids + ["", "doc_0", "doc_zzzz", "doc_ffffffffffffffffffff"]:  # orphans too
        assert sum(_in(chunk, doc_id) for chunk in chunks) == 1, doc_id
    for chunk in chunks:
        assert sum(_in(chunk, doc_id) for doc_id in ids) <= 100
    assert doc_chunks(db, "2026-01-01", size=100) == [{"doc_from": None, "doc_below": None}]


def _outcome(success, unexpected, mostly=None, sample=()):
    return ExpectationOutcome("expect_column_values_to_not_be_null", "source_text", "warn", success,
                              "why", unexpected, list(sample), mostly=mostly)


def test_merged_reports_add_counts_and_judge_mostly_over_all_rows():
    a = SuiteReport("claims", 10, [_outcome(True, 0), _outcome(False, 6, mostly=0.5, sample=["x"])])
    b = SuiteReport("claims", 30, [_outcome(False, 2, sample=["y"]), _outcome(True, 4, mostly=0.5)])
    merged = merge_reports([a, b])
    assert merged.n_rows == 40
    strict, mostly = merged.outcomes
    assert (strict.success, strict.unexpected_count, strict.unexpected_sample) == (False, 2, ["y"])
    # 10 of 40 rows unexpected: 75 % >= 50 %, although the first chunk alone failed
    assert (mostly.success, mostly.unexpected_count, mostly.unexpected_sample) == (True, 10, ["x"])
