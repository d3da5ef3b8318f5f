"""Per-partition Parquet files that hand records from one stage to the next.

Stages stream: the extractor's records are flushed to Parquet in row groups, so a
partition never sits in memory whole. Files are written under a temporary name and
renamed into place, so a killed step leaves either the old file or the new one.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines.extraction.records import DocumentExtraction
from pipelines.ingest import Document, Rejection

SPANS = pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())]))

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()), ("source_uri", pa.string()), ("outlet", pa.string()),
        ("title", pa.string()), ("published_at", pa.date32()), ("lang", pa.string()),
        ("text", pa.string()), ("n_chars", pa.int32()), ("content_sha256", pa.string()),
        ("ingested_at", pa.timestamp("us", tz="UTC")), ("partition_key", pa.string()),
    ]),
    "rejected_documents": pa.schema([
        ("source_uri", pa.string()), ("reason", pa.string()), ("detail", pa.string()),
        ("doc_id", pa.string()), ("rejected_at", pa.timestamp("us", tz="UTC")),
        ("partition_key", pa.string()),
    ]),
    "document_entities": pa.schema([
        ("doc_id", pa.string()), ("entity_id", pa.string()), ("canonical_name", pa.string()),
        ("label", pa.string()), ("partition_key", pa.string()),
    ]),
    "mentions": pa.schema([
        ("mention_id", pa.string()), ("doc_id", pa.string()), ("entity_id", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()), ("label", pa.string()),
        ("sentence_index", pa.int32()), ("partition_key", pa.string()),
    ]),
    "claims": pa.schema([
        ("claim_id", pa.string()), ("doc_id", pa.string()), ("sentence_index", pa.int32()),
        ("cue_text", pa.string()), ("cue_lemma", pa.string()), ("cue_spans", SPANS),
        ("source_text", pa.string()), ("source_spans", SPANS),
        ("source_entity_id", pa.string()), ("source_entity", pa.string()),
        ("source_kind", pa.string()), ("via_text", pa.string()), ("via_spans", SPANS),
        ("via_entity_id", pa.string()), ("via_entity", pa.string()),
        ("content_text", pa.string()), ("content_spans", SPANS), ("quote_type", pa.string()),
        ("hedged", pa.bool_()), ("time_text", pa.string()), ("time_spans", SPANS),
        ("claim_date", pa.date32()), ("has_number", pa.bool_()), ("confidence", pa.float64()),
        ("extractor_version", pa.string()), ("partition_key", pa.string()),
    ]),
    "claim_mentions": pa.schema([
        ("claim_id", pa.string()), ("mention_id", pa.string()), ("partition_key", pa.string()),
    ]),
}
EXTRACTED_TABLES = ("document_entities", "mentions", "claims", "claim_mentions")
EXTRACTION_STAMP = "extraction.json"


def _spans(spans: Iterable[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"start": start, "end": end} for start, end in spans]


def write_table_atomically(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def write_text_atomically(text: str, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def documents_table(documents: list[Document], ingested_at: datetime, partition_key: str) -> pa.Table:
    rows = [
        {**dataclasses.asdict(doc), "ingested_at": ingested_at, "partition_key": partition_key}
        for doc in documents
    ]
    return pa.Table.from_pylist(rows, schema=SCHEMAS["documents"])


def rejections_table(rejections: list[Rejection], rejected_at: datetime, partition_key: str) -> pa.Table:
    rows = [
        {**dataclasses.asdict(r), "rejected_at": rejected_at, "partition_key": partition_key}
        for r in rejections
    ]
    return pa.Table.from_pylist(rows, schema=SCHEMAS["rejected_documents"])


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


class ExtractionWriter:
    """Streams extraction records into one Parquet file per table, a row group per flush."""

    def __init__(self, directory: Path, partition_key: str, rows_per_flush: int = 5000):
        self.directory = directory
        self.partition_key = partition_key
        self.rows_per_flush = rows_per_flush
        self.counts = {table: 0 for table in EXTRACTED_TABLES}
        self._buffers: dict[str, list[dict]] = {table: [] for table in EXTRACTED_TABLES}
        directory.mkdir(parents=True, exist_ok=True)
        self._writers = {
            table: pq.ParquetWriter(self._temporary(table), SCHEMAS[table], compression="zstd")
            for table in EXTRACTED_TABLES
        }

    def _temporary(self, table: str) -> Path:
        return self.directory / f".{table}.parquet.tmp"

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
                self._write(table, kept)
        claims_kept = pa.chunked_array(claim_ids, pa.string()).combine_chunks() if claim_ids else pa.array([], pa.string())
        for batch in pq.ParquetFile(self.directory / "claim_mentions.parquet").iter_batches():
            self._write("claim_mentions", pa.Table.from_batches([batch]).filter(pc.is_in(batch["claim_id"], claims_kept)))

    def _write(self, table: str, data: pa.Table) -> None:
        if data.num_rows:
            self._writers[table].write_table(data.cast(SCHEMAS[table]))
            self.counts[table] += data.num_rows

    def add(self, extraction: DocumentExtraction) -> None:
        for table, rows in extraction_rows(extraction, self.partition_key).items():
            self._buffers[table].extend(rows)
            if len(self._buffers[table]) >= self.rows_per_flush:
                self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._buffers[table]
        if rows:
            self._write(table, pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
            rows.clear()

    def close(self) -> dict[str, int]:
        """Flush, close and rename every file into place; returns rows per table."""
        for table in EXTRACTED_TABLES:
            self._flush(table)
            self._writers[table].close()
            os.replace(self._temporary(table), self.directory / f"{table}.parquet")
        return dict(self.counts)

    def abort(self) -> None:
        for table, writer in self._writers.items():
            writer.close()
            self._temporary(table).unlink(missing_ok=True)


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
    write_text_atomically(json.dumps({**stamp, "doc_ids": doc_ids}), directory / EXTRACTION_STAMP)


def read_staged(directory: Path, table: str) -> pa.Table:
    return pq.read_table(directory / f"{table}.parquet", schema=SCHEMAS[table])


def iter_staged_documents(directory: Path, skip: set[str] = frozenset(), batch_size: int = 256) -> Iterator[dict]:
    """Documents of a partition not in `skip`, read back a batch at a time."""
    parquet = pq.ParquetFile(directory / "documents.parquet")
    for batch in parquet.iter_batches(batch_size=batch_size, columns=["doc_id", "text", "published_at"]):
        for row in batch.to_pylist():
            if row["doc_id"] not in skip:
                yield row
