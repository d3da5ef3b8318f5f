"""What keeps a run's memory flat as a partition grows: bounded buffers and a bounded DuckDB."""

from __future__ import annotations

import hashlib

import duckdb
import pyarrow.parquet as pq
import pytest

from pipelines import staging, warehouse
from pipelines.definitions import JOB_NAME, build_defs
from pipelines.ingest import Document, now_utc
from pipelines.memory import release_freed_memory
from pipelines.settings import DEFAULT_DUCKDB_MEMORY_LIMIT, Settings


def _document(i: int) -> Document:
    text = f"Article {i}. The minister said the bridge would reopen in spring. " * 40
    return Document(doc_id=f"doc_{i:020x}", external_id=None, source_uri=f"test://{i}", outlet=None, title=None,
                    published_at=None, lang="en", text=text, n_chars=len(text),
                    content_sha256=hashlib.sha256(text.encode()).hexdigest())


def test_documents_are_flushed_in_small_row_groups_because_each_row_carries_a_whole_text(tmp_path):
    path = tmp_path / "documents.parquet"
    writer = staging.TableWriter(path, "documents")
    now = now_utc()
    for i in range(600):
        writer.add_rows([staging.document_row(_document(i), now, "2026-11-25")])
    assert writer.close() == 600
    sizes = [pq.ParquetFile(path).metadata.row_group(g).num_rows for g in range(pq.ParquetFile(path).num_row_groups)]
    assert sizes == [256, 256, 88]
    assert pq.read_table(path, columns=["doc_id"])["doc_id"].to_pylist() == [f"doc_{i:020x}" for i in range(600)]


def test_pipeline_connections_take_the_configured_duckdb_memory_limit(tmp_path):
    db_path = tmp_path / "warehouse.duckdb"
    with warehouse.open_writer(db_path, "100MB") as connection:
        writer_limit = connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with warehouse.open_reader(db_path, "50MB") as connection:
        reader_limit = connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with duckdb.connect(config={"memory_limit": "100MB"}) as reference:
        assert writer_limit == reference.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with duckdb.connect(config={"memory_limit": "50MB"}) as reference:
        assert reader_limit == reference.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert writer_limit != reader_limit


def test_the_memory_limit_setting_is_read_and_checked_before_any_work(monkeypatch):
    monkeypatch.setenv("CLAIMS_DUCKDB_MEMORY_LIMIT", "1GB")
    assert Settings.from_env().duckdb_memory_limit == "1GB"
    defs = build_defs(Settings.from_env())
    assert defs.resources["claims"].duckdb_memory_limit == "1GB"  # what the assets pass to DuckDB
    monkeypatch.setenv("CLAIMS_DUCKDB_MEMORY_LIMIT", "256 megs")
    with pytest.raises(ValueError, match="CLAIMS_DUCKDB_MEMORY_LIMIT"):
        Settings.from_env()
    monkeypatch.delenv("CLAIMS_DUCKDB_MEMORY_LIMIT")
    assert Settings.from_env().duckdb_memory_limit == DEFAULT_DUCKDB_MEMORY_LIMIT


def test_freed_memory_goes_back_after_every_step_of_the_job(tmp_path):
    job = build_defs(Settings(home=tmp_path)).resolve_job_def(JOB_NAME)
    assert "return_freed_memory" in {hook.name for hook in job.hook_defs}
    release_freed_memory()  # also where glibc is missing: a no-op, never an error
