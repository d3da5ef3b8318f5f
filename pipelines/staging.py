"""Per-partition Parquet files that hand records from one stage to the next.

Stages stream: the extractor's records are flushed to Parquet in row groups, so a
partition never sits in memory whole. Files are written under a temporary name and
renamed into place, so a killed step leaves either the old file or the new one.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines import atomic, schema
from pipelines.extraction.records import DocumentExtraction
from pipelines.ingest import Document, Rejection

EXTRACTED_TABLES = ("document_entities", "mentions", "claims", "claim_mentions")
SCHEMAS: dict[str, pa.Schema] = {
    table: schema.TABLES[table].arrow_schema()
    for table in ("documents", "rejected_documents", "input_files", *EXTRACTED_TABLES)
}
EXTRACTION_STAMP = "extraction.json"


def _spans(spans: Iterable[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"start": start, "end": end} for start, end in spans]


def document_row(document: Document, ingested_at: datetime, partition_key: str) -> dict:
    return {**dataclasses.asdict(document), "ingested_at": ingested_at, "partition_key": partition_key}


def rejection_row(rejection: Rejection, rejected_at: datetime, partition_key: str) -> dict:
    return {**dataclasses.asdict(rejection), "rejected_at": rejected_at, "partition_key": partition_key}


def extraction_rows(extraction: DocumentExtraction, partition_key: str) -> dict[str, list[dict]]:
    """One document's records as rows of the warehouse tables."""
    claims, claim_mentions = [], []
    for claim in extraction.claims:
        row = dataclasses.asdict(claim)
        mention_ids = row.pop("mention_ids")
        for span_column in ("cue_spans", "source_spans", "via_spans", "content_spans", "time_spans"):
            row[span_column] = _spans(row[span_column])
        row["partition_key"] = partition_key
        claims.append(row)
        claim_mentions.extend(
            {"claim_id": claim.claim_id, "mention_id": mention_id, "partition_key": partition_key}
            for mention_id in dict.fromkeys(mention_ids)
        )
    return {
        "document_entities": [
            {"doc_id": extraction.doc_id, **dataclasses.asdict(entity), "partition_key": partition_key}
            for entity in extraction.entities
        ],
        "mentions": [
            {**dataclasses.asdict(mention), "partition_key": partition_key}
            for mention in extraction.mentions
        ],
        "claims": claims,
        "claim_mentions": claim_mentions,
    }


# Rows buffered before a row group is written. A document row carries the article's whole
# text (AllSides: 6,000 characters on average), so 5,000 of them held ~100 MB between flushes.
ROWS_PER_FLUSH = {"documents": 256}
DEFAULT_ROWS_PER_FLUSH = 5000


class TableWriter:
    """Streams rows into one Parquet file, a row group per flush; renamed into place on close."""

    def __init__(self, path: Path, table: str, rows_per_flush: int | None = None):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.schema = path, SCHEMAS[table]
        self.rows_per_flush = ROWS_PER_FLUSH.get(table, DEFAULT_ROWS_PER_FLUSH) if rows_per_flush is None else rows_per_flush
        self.temporary = atomic.temporary_path(path)
        self.count = 0
        self._rows: list[dict] = []
        self._writer = pq.ParquetWriter(self.temporary, self.schema, compression="zstd")

    def add_rows(self, rows: Iterable[dict]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= self.rows_per_flush:
            self.flush()

    def add_table(self, data: pa.Table) -> None:
        if data.num_rows:
            self._writer.write_table(data.cast(self.schema))
            self.count += data.num_rows

    def flush(self) -> None:
        if self._rows:
            self.add_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows.clear()

    def close(self) -> int:
        self.flush()
        self._writer.close()
        atomic.commit(self.temporary, self.path)
        return self.count

    def abort(self) -> None:
        self._writer.close()
        atomic.discard(self.temporary)


class ExtractionWriter:
    """Streams extraction records into one Parquet file per extracted table."""

    def __init__(self, directory: Path, partition_key: str):
        self.directory = directory
        self.partition_key = partition_key
        self._writers = {table: TableWriter(directory / f"{table}.parquet", table) for table in EXTRACTED_TABLES}

    def carry_over(self, doc_ids: set[str]) -> None:
        """Copy the rows of already-extracted documents from this partition's previous files.

        Streams the old files batch by batch; they stay in place until `close` renames the
        new ones over them.
        """
        keep = pa.array(sorted(doc_ids), pa.string())
        claim_ids = []
        for table in ("document_entities", "mentions", "claims"):
            for batch in pq.ParquetFile(self.directory / f"{table}.parquet").iter_batches():
                kept = pa.Table.from_batches([batch]).filter(pc.is_in(batch["doc_id"], keep))
                if table == "claims":
                    claim_ids.append(kept["claim_id"])
                self._writers[table].add_table(kept)
        claims_kept = pa.chunked_array(claim_ids, pa.string()).combine_chunks() if claim_ids else pa.array([], pa.string())
        for batch in pq.ParquetFile(self.directory / "claim_mentions.parquet").iter_batches():
            links = pa.Table.from_batches([batch])
            self._writers["claim_mentions"].add_table(links.filter(pc.is_in(links["claim_id"], claims_kept)))

    def add(self, extraction: DocumentExtraction) -> list[dict]:
        """Queue one document's records; returns its claim rows (for previews)."""
        rows_by_table = extraction_rows(extraction, self.partition_key)
        for table, rows in rows_by_table.items():
            self._writers[table].add_rows(rows)
        return rows_by_table["claims"]

    def close(self) -> dict[str, int]:
        """Flush, close and rename every file into place; returns rows per table."""
        return {table: writer.close() for table, writer in self._writers.items()}

    def abort(self) -> None:
        for writer in self._writers.values():
            writer.abort()


def extracted_doc_ids(directory: Path, stamp: dict) -> set[str]:
    """Documents this partition's staged files already hold for the same extractor and model."""
    path = directory / EXTRACTION_STAMP
    if not path.exists() or not all((directory / f"{t}.parquet").exists() for t in EXTRACTED_TABLES):
        return set()
    previous = json.loads(path.read_text(encoding="utf-8"))
    if {k: previous.get(k) for k in stamp} != stamp:
        return set()
    return set(previous["doc_ids"])


def write_extraction_stamp(directory: Path, stamp: dict, doc_ids: list[str]) -> None:
    atomic.write_text(directory / EXTRACTION_STAMP, json.dumps({**stamp, "doc_ids": doc_ids}))




def iter_staged_documents(directory: Path, skip: set[str] = frozenset(), batch_size: int = 256) -> Iterator[dict]:
    """Documents of a partition not in `skip`, read back a batch at a time."""
    parquet = pq.ParquetFile(directory / "documents.parquet")
    for batch in parquet.iter_batches(batch_size=batch_size, columns=["doc_id", "text", "published_at"]):
        for row in batch.to_pylist():
            if row["doc_id"] not in skip:
                yield row
