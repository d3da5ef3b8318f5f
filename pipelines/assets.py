"""The nightly job's stages as thin Dagster assets over the pure modules.

ingest → extract → load (+ blocking quality check) → publish. Stages hand data over as
per-partition Parquet under CLAIMS_HOME/staging, so any worker that reaches that folder
can run any step. Each materialisation reports counts, timings and a preview for on-call.
"""


import json
import time
from collections import Counter
from pathlib import Path

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines import ingest, quality, staging, warehouse
from pipelines.extraction import EXTRACTOR_VERSION, extract_texts, load_nlp
from pipelines.release import build_release, point_latest
from pipelines.resources import ClaimsResource

daily_partitions = dg.DailyPartitionsDefinition(start_date="2024-01-01", end_offset=1)

PREVIEW_CLAIMS = 5


class IngestConfig(dg.Config):
    input_paths: list[str] = []
    """Files or folders to ingest besides the partition's inbox folder (inbox/<date>/)."""


def _preview(claims: list[dict]) -> str:
    lines = ["| source | cue | content | quote |", "|---|---|---|---|"]
    for claim in claims[:PREVIEW_CLAIMS]:
        cells = [claim.get("source_text") or "—", claim["cue_text"], claim["content_text"][:160],
                 claim["quote_type"]]
        lines.append("| " + " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in cells) + " |")
    return "\n".join(lines)


@dg.asset(partitions_def=daily_partitions, group_name="claims", kinds={"python", "parquet"})
def ingested_documents(
    context: dg.AssetExecutionContext, config: IngestConfig, claims: ClaimsResource
) -> dg.MaterializeResult:
    """The partition's articles, normalised and deduplicated; refused inputs recorded with a reason."""
    started = time.perf_counter()
    partition_key = context.partition_key
    missing = [path for path in config.input_paths if not Path(path).exists()]
    if missing:
        raise dg.Failure(f"input paths do not exist: {', '.join(missing)}")
    sources = [claims.paths.inbox_for(partition_key), *map(Path, config.input_paths)]
    files = ingest.list_input_files(path for path in sources if path.exists())

    documents, rejections = [], []
    for item in ingest.read_documents(files):
        (documents if isinstance(item, ingest.Document) else rejections).append(item)
    now = ingest.now_utc()
    out = claims.paths.staging_for(partition_key)
    staging.write_table_atomically(staging.documents_table(documents, now, partition_key), out / "documents.parquet")
    staging.write_table_atomically(
        staging.rejections_table(rejections, now, partition_key), out / "rejected_documents.parquet"
    )
    reasons = Counter(rejection.reason for rejection in rejections)
    context.log.info(f"ingested {len(documents)} documents from {len(files)} files; rejected {len(rejections)} {dict(reasons)}")
    return dg.MaterializeResult(metadata={
        "n_files": len(files),
        "n_documents": len(documents),
        "n_rejected": len(rejections),
        "rejected_by_reason": dg.MetadataValue.json(dict(reasons)),
        "n_chars": sum(doc.n_chars for doc in documents),
        "seconds": round(time.perf_counter() - started, 3),
    })


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[ingested_documents],
          kinds={"spacy", "parquet"})
def extracted_claims(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """Entities, mentions and attributed claims of every document, streamed through spaCy."""
    partition_key = context.partition_key
    directory = claims.paths.staging_for(partition_key)
    started = time.perf_counter()
    nlp = load_nlp(claims.model)
    model_loaded = time.perf_counter()

    documents = (
        (row["doc_id"], row["text"], row["published_at"])
        for row in staging.iter_staged_documents(directory)
    )
    writer = staging.ExtractionWriter(directory, partition_key)
    preview: list[dict] = []
    n_documents = n_words = 0
    try:
        for extraction in extract_texts(nlp, documents, batch_size=claims.batch_size, n_process=claims.n_process):
            writer.add(extraction)
            n_documents += 1
            if len(preview) < PREVIEW_CLAIMS:
                preview.extend(staging.extraction_rows(extraction, partition_key)["claims"])
        counts = writer.close()
    except BaseException:
        writer.abort()
        raise
    finished = time.perf_counter()
    n_words = pc.sum(pc.utf8_length(pq.read_table(directory / "documents.parquet", columns=["text"])["text"])).as_py() or 0
    context.log.info(f"extracted {counts['claims']} claims and {counts['mentions']} mentions from {n_documents} documents")
    return dg.MaterializeResult(metadata={
        "n_documents": n_documents,
        "n_claims": counts["claims"],
        "n_mentions": counts["mentions"],
        "n_entities_per_document": counts["document_entities"],
        "model": claims.model,
        "extractor_version": EXTRACTOR_VERSION,
        "model_load_seconds": round(model_loaded - started, 3),
        "extract_seconds": round(finished - model_loaded, 3),
        "chars_per_second": round(n_words / max(finished - model_loaded, 1e-9)),
        "preview": dg.MetadataValue.md(_preview(preview)),
    })


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[extracted_claims], kinds={"duckdb"})
def warehouse_tables(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """The partition's rows in the DuckDB warehouse, replacing any earlier load of it."""
    partition_key = context.partition_key
    directory = claims.paths.staging_for(partition_key)
    started = time.perf_counter()
    tables = {table: staging.read_staged(directory, table)
              for table in ("documents", "rejected_documents", *staging.EXTRACTED_TABLES)}

    with warehouse.connect_writer(claims.paths.work_db) as connection:
        held_elsewhere = warehouse.documents_in_other_partitions(
            connection, partition_key, tables["documents"]["doc_id"].to_pylist()
        )
        if held_elsewhere:
            tables = _drop_documents_held_elsewhere(tables, held_elsewhere, partition_key)
        counts = warehouse.replace_partition(connection, partition_key, tables)
        connection.execute(
            "INSERT INTO runs VALUES (?, ?, now(), ?, ?, ?, ?, ?, ?)",
            [context.run.run_id, partition_key, EXTRACTOR_VERSION, claims.model, counts["documents"],
             counts["rejected_documents"], counts["claims"], counts["mentions"]],
        )
        totals = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in warehouse.RELEASE_TABLES}
    context.log.info(f"loaded partition {partition_key}: {counts}")
    return dg.MaterializeResult(metadata={
        **{f"partition_{table}": count for table, count in counts.items()},
        **{f"total_{table}": count for table, count in totals.items()},
        "duplicates_of_earlier_partitions": len(held_elsewhere),
        "seconds": round(time.perf_counter() - started, 3),
    })


def _drop_documents_held_elsewhere(
    tables: dict[str, pa.Table], held_elsewhere: dict[str, str], partition_key: str
) -> dict[str, pa.Table]:
    """Documents an earlier partition already holds become duplicate rejections here."""
    doc_ids = pa.array(list(held_elsewhere))
    keep = {}
    for name, table in tables.items():
        if "doc_id" in table.column_names and name != "rejected_documents":
            keep[name] = table.filter(pc.invert(pc.is_in(table["doc_id"], doc_ids)))
    dropped_claims = pc.is_in(tables["claims"]["doc_id"], doc_ids)
    dropped_claim_ids = tables["claims"].filter(dropped_claims)["claim_id"]
    keep["claim_mentions"] = tables["claim_mentions"].filter(
        pc.invert(pc.is_in(tables["claim_mentions"]["claim_id"], dropped_claim_ids))
    )
    documents = tables["documents"].filter(pc.is_in(tables["documents"]["doc_id"], doc_ids))
    now = ingest.now_utc()
    duplicates = staging.rejections_table(
        [ingest.Rejection(uri, ingest.DUPLICATE, f"already published in partition {held_elsewhere[doc_id]}", doc_id)
         for uri, doc_id in zip(documents["source_uri"].to_pylist(), documents["doc_id"].to_pylist())],
        now, partition_key,
    )
    keep["rejected_documents"] = pa.concat_tables([tables["rejected_documents"], duplicates])
    return keep


@dg.asset_check(asset=warehouse_tables, blocking=True, description="Great Expectations suite expectations/claims.json over the partition's claims")
def claims_quality_gate(context: dg.AssetCheckExecutionContext, claims: ClaimsResource) -> dg.AssetCheckResult:
    """Blocks the release when any error-severity expectation fails on this partition's claims."""
    partition_key = context.partition_key
    query = warehouse.read_sql("validate_claims.sql").replace(
        "{span_consistency}", warehouse.read_sql("span_consistency.sql")
    )
    with warehouse.connect_writer(claims.paths.work_db) as connection:
        frame = connection.execute(query, {"partition_key": partition_key}).df()
    report = quality.validate("claims", frame)
    report_path = claims.paths.reports / context.run.run_id / "claims.json"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8")
    failed = [f"{o.expectation}({o.column}): {o.unexpected_count} unexpected, e.g. {o.unexpected_sample[:3]}"
              if not o.exception else f"{o.expectation}({o.column}) raised: {o.exception}"
              for o in report.failures]
    return dg.AssetCheckResult(
        passed=report.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description="; ".join(failed) or "all expectations met",
        metadata={
            "n_rows": report.n_rows,
            "n_expectations": len(report.outcomes),
            "n_failed": len(report.failures),
            "report": dg.MetadataValue.md(report.to_markdown()),
            "report_path": dg.MetadataValue.path(str(report_path)),
        },
    )


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[warehouse_tables],
          kinds={"parquet", "duckdb"})
def claims_release(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """A new immutable Parquet release and DuckDB snapshot; `latest` moves only when both are in place."""
    paths = claims.paths
    started = time.perf_counter()
    report = paths.reports / context.run.run_id / "claims.json"
    extra = {"validation/claims.json": report.read_text(encoding="utf-8")} if report.exists() else {}
    with warehouse.writer_lock(paths.work_db):
        with warehouse.open_writer(paths.work_db) as connection:
            release = build_release(
                connection, paths.releases,
                provenance={"extractor_version": EXTRACTOR_VERSION, "model": claims.model,
                            "partition": context.partition_key, "run_id": context.run.run_id},
                extra_files=extra,
            )
            connection.execute(
                "INSERT INTO releases VALUES (?, now(), ?, ?, ?, ?, ?, ?)",
                [release.version, context.run.run_id, warehouse.SCHEMA_VERSION, release.row_counts["documents"],
                 release.row_counts["claims"], release.row_counts["entities"], release.manifest_sha256],
            )
        warehouse.publish_snapshot(paths.work_db, paths.snapshot_db)
    point_latest(paths.releases, release.version)
    context.log.info(f"published release {release.version} at {release.path}")
    return dg.MaterializeResult(metadata={
        "version": release.version,
        "path": dg.MetadataValue.path(str(release.path)),
        "snapshot": dg.MetadataValue.path(str(paths.snapshot_db)),
        **{f"rows_{table}": count for table, count in release.row_counts.items()},
        "seconds": round(time.perf_counter() - started, 3),
    })
