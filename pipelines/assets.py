"""The nightly job's stages as thin Dagster assets over the pure modules.

ingest → extract → candidate load (+ blocking quality gate) → release (+ blocking
datapackage check) → publish. Stages hand data over as per-partition Parquet under
CLAIMS_HOME/staging, so any worker that reaches that folder can run any step. Each
materialisation reports counts, timings and a preview for whoever is on call.
"""

import contextlib
import itertools
import json
import multiprocessing
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path

import dagster as dg
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines import atomic, ingest, inputs, load, partition_runs, quality, release, staging, warehouse, workers
from pipelines.extraction import EXTRACTOR_VERSION, extract_texts, load_nlp
from pipelines.faults import pause_point
from pipelines.progress import tracked
from pipelines.resources import ClaimsResource
from pipelines.settings import FIRST_PARTITION

daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_PARTITION.isoformat(), end_offset=1)

PREVIEW_CLAIMS = 5
# Steps that write the warehouse share a Dagster concurrency pool (limit 1 in dagster.yaml),
# so the UI queues them visibly; the file lock in warehouse.py is what guarantees it.
WAREHOUSE_WRITER_POOL = "warehouse_writer"
INGEST_BATCH = 500
REPO = Path(__file__).resolve().parent.parent


def _step(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext, claims: ClaimsResource,
          last: bool = False) -> contextlib.AbstractContextManager[None]:
    """A step run with its partition held: one run of a partition at a time (pipelines/partition_runs.py)."""
    whole_run = context.job_def.executor_def.name in partition_runs.IN_PROCESS_EXECUTORS
    return partition_runs.holding(claims.paths, context.partition_key, context.run.run_id, context.log.info,
                                  whole_run=whole_run, last=last)


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


@contextlib.contextmanager
def _published_elsewhere(claims: ClaimsResource, partition_key: str) -> Iterator[Callable[[list[str]], dict[str, str]]]:
    """A lookup of documents the published snapshot holds in other partitions: no need to parse them again."""
    if not claims.paths.snapshot_db.exists():
        yield lambda doc_ids: {}
        return
    # No memory limit here: the snapshot is the users' file, and DuckDB refuses a second
    # connection in one process with other settings than an open one (a notebook's, say).
    with warehouse.open_reader(claims.paths.snapshot_db) as connection:
        yield lambda doc_ids: warehouse.documents_in_other_partitions(connection, partition_key, doc_ids)


@dg.asset(partitions_def=daily_partitions, group_name="claims", kinds={"python", "parquet"})
def ingested_documents(
    context: dg.AssetExecutionContext, config: IngestConfig, claims: ClaimsResource
) -> dg.MaterializeResult:
    """The partition's articles, normalised and deduplicated; refused inputs recorded with a reason.

    Streams: documents go to Parquet in batches, so a large inbox never sits in memory.
    """
    with _step(context, claims):
        started = time.perf_counter()
        partition_key = context.partition_key
        missing = [path for path in config.input_paths if not Path(path).exists()]
        if missing:
            raise dg.Failure(f"input paths do not exist: {', '.join(missing)}")
        sources = [claims.paths.inbox_for(partition_key), *map(Path, config.input_paths)]
        files, refused = inputs.list_input_files(path for path in sources if path.exists())

        now = ingest.now_utc()
        out = claims.paths.staging_for(partition_key)
        _stage_input_files(out, files, partition_key)
        documents = staging.TableWriter(out / "documents.parquet", "documents")
        rejected = staging.TableWriter(out / "rejected_documents.parquet", "rejected_documents")
        reasons: Counter[str] = Counter()
        n_chars = 0
        try:
            with _published_elsewhere(claims, partition_key) as published_elsewhere:
                for batch in _batched(itertools.chain(refused, ingest.read_documents(files)), INGEST_BATCH):
                    held = published_elsewhere([item.doc_id for item in batch if isinstance(item, ingest.Document)])
                    for item in batch:
                        if isinstance(item, ingest.Document) and item.doc_id in held:
                            item = ingest.Rejection(item.source_uri, ingest.DUPLICATE,
                                                    f"already published in partition {held[item.doc_id]}", item.doc_id)
                        if isinstance(item, ingest.Document):
                            documents.add_rows([staging.document_row(item, now, partition_key)])
                            n_chars += item.n_chars
                        else:
                            rejected.add_rows([staging.rejection_row(item, now, partition_key)])
                            reasons[item.reason] += 1
            n_documents, n_rejected = documents.close(), rejected.close()
        except BaseException:
            documents.abort()
            rejected.abort()
            raise
        context.log.info(f"ingested {n_documents} documents from {len(files)} files; "
                         f"rejected {n_rejected} {dict(reasons)}")
        return dg.MaterializeResult(metadata={
            "n_files": len(files),
            "n_documents": n_documents,
            "n_rejected": n_rejected,
            "rejected_by_reason": dg.MetadataValue.json(dict(reasons)),
            "n_chars": n_chars,
            "seconds": round(time.perf_counter() - started, 3),
        })


def _stage_input_files(out: Path, files: list[inputs.InputFile], partition_key: str) -> None:
    """Every file the partition reads, with its size and sha256 (the input_files table)."""
    writer = staging.TableWriter(out / "input_files.parquet", "input_files")
    try:
        writer.add_rows(row for file in files if (row := inputs.checksum_row(file, partition_key)))
        writer.close()
    except BaseException:
        writer.abort()
        raise


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _n_process(claims: ClaimsResource, n_documents: int, log: Callable[[str], None]) -> int:
    """Processes for this partition's parse, said in the run log with the reason."""
    n_process, why = workers.choose_n_process(n_documents, workers.cores_available(), workers.memory_available(),
                                              claims.n_process, multiprocessing.current_process().daemon)
    log(f"extracting {n_documents:,} documents with {n_process} process{'es' * (n_process != 1)} ({why})")
    return n_process


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[ingested_documents],
          kinds={"spacy", "parquet"})
def extracted_claims(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """Entities, mentions and attributed claims of every document, streamed through spaCy.

    Incremental: documents this partition already extracted with the same extractor and
    model versions are carried over, not parsed again.
    """
    with _step(context, claims):
        partition_key, started = context.partition_key, time.perf_counter()
        directory = claims.paths.staging_for(partition_key)
        # Staged rows of another schema version lack or mistype columns: they are extracted again.
        stamp = {"extractor_version": EXTRACTOR_VERSION, "model": claims.model,
                 "schema_version": warehouse.SCHEMA_VERSION}
        documents_file = pq.read_table(directory / "documents.parquet", columns=["doc_id", "n_chars"])
        doc_ids = documents_file["doc_id"].to_pylist()
        reused = staging.extracted_doc_ids(directory, stamp) & set(doc_ids)
        (directory / staging.EXTRACTION_STAMP).unlink(missing_ok=True)

        writer = staging.ExtractionWriter(directory, partition_key)
        preview: list[dict] = []
        n_parsed = 0
        parse_seconds = 0.0
        try:
            if reused:
                writer.carry_over(reused)
            if len(reused) < len(doc_ids):
                n_process = _n_process(claims, len(doc_ids) - len(reused), context.log.info)
                nlp = load_nlp(claims.model)
                parse_started = time.perf_counter()
                documents = (
                    (row["doc_id"], row["text"], row["published_at"])
                    for row in staging.iter_staged_documents(directory, skip=reused)
                )
                extractions = extract_texts(nlp, documents, batch_size=claims.batch_size,
                                            n_process=n_process, batch_chars=claims.batch_chars)
                for extraction in tracked(extractions, len(doc_ids) - len(reused), context.log.info):
                    claim_rows = writer.add(extraction)
                    n_parsed += 1
                    pause_point("extract:mid-partition")
                    if len(preview) < PREVIEW_CLAIMS:
                        preview.extend(claim_rows)
                parse_seconds = time.perf_counter() - parse_started
            counts = writer.close()
        except BaseException:
            writer.abort()
            raise
        staging.write_extraction_stamp(directory, stamp, doc_ids)
        n_chars = pc.sum(documents_file["n_chars"]).as_py() or 0
        context.log.info(f"extracted {counts['claims']} claims and {counts['mentions']} mentions from "
                         f"{len(doc_ids)} documents ({n_parsed} parsed, {len(reused)} carried over)")
        return dg.MaterializeResult(metadata={
            "n_documents": len(doc_ids),
            "n_parsed": n_parsed,
            "n_carried_over": len(reused),
            "n_claims": counts["claims"],
            "n_mentions": counts["mentions"],
            "n_document_entities": counts["document_entities"],
            "model": claims.model,
            "extractor_version": EXTRACTOR_VERSION,
            "parse_and_extract_seconds": round(parse_seconds, 3),
            "chars_per_second": round(n_chars / parse_seconds) if parse_seconds else None,
            "seconds": round(time.perf_counter() - started, 3),
            "preview": dg.MetadataValue.md(_preview(preview)),
        })


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[extracted_claims], kinds={"duckdb"},
          pool=WAREHOUSE_WRITER_POOL)
def warehouse_candidate(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """A copy of the warehouse with this partition loaded, for the quality gate to judge.

    The real warehouse only receives the partition once the gate has passed, so a bad
    partition can never reach this or any later release.
    """
    with _step(context, claims):
        paths = claims.paths
        partition_key = context.partition_key
        started = time.perf_counter()
        candidate = paths.candidate_db_for(partition_key)
        with warehouse.writer_lock(paths.work_db):
            warehouse.copy_database(paths.work_db, candidate)
        with warehouse.open_writer(candidate, claims.duckdb_memory_limit) as connection:
            result = load.load_partition(connection, partition_key, paths.staging_for(partition_key))
        context.log.info(f"candidate for {partition_key}: {result.counts}")
        return dg.MaterializeResult(metadata={
            **{f"rows_{table}": count for table, count in result.counts.items()},
            "duplicates_of_other_partitions": result.duplicates_of_other_partitions,
            "candidate": dg.MetadataValue.path(str(candidate)),
            "seconds": round(time.perf_counter() - started, 3),
        })


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(f"{suite}_suite", asset=warehouse_candidate, blocking=True,
                             description=f"Great Expectations suite expectations/{suite}.json on the partition")
           for suite in quality.SUITES],
)
def quality_gate(context: dg.AssetCheckExecutionContext, claims: ClaimsResource):
    """Every suite over the partition; an error-severity failure blocks the release."""
    with _step(context, claims):
        paths = claims.paths
        partition_key = context.partition_key
        previous = release.latest_version(paths.releases)
        previous_stats = release.read_datapackage(paths.releases / previous).get("stats") if previous else None
        with warehouse.open_reader(paths.candidate_db_for(partition_key), claims.duckdb_memory_limit) as connection:
            verdict = quality.judge_partition(connection, partition_key, previous_stats,
                                              paths.reports_for(partition_key), context.run.run_id)
        if verdict.reused_from:
            context.log.info(f"partition unchanged since run {verdict.reused_from}: its verdict stands")
        report_dir = paths.reports_for(partition_key) / context.run.run_id
        for report in verdict.reports:
            failures = report.failures
            yield dg.AssetCheckResult(
                check_name=f"{report.suite}_suite",
                passed=not failures,
                severity=dg.AssetCheckSeverity.ERROR if not report.success else dg.AssetCheckSeverity.WARN,
                description=quality.summarise(failures) or "all expectations met",
                metadata={
                    "n_rows": report.n_rows,
                    "n_expectations": len(report.outcomes),
                    "n_failed_errors": sum(o.blocking for o in failures),
                    "n_failed_warnings": sum(not o.blocking for o in failures),
                    "report": dg.MetadataValue.md(report.to_markdown()),
                    "report_path": dg.MetadataValue.path(str(report_dir / f"{report.suite}.json")),
                    "verdict_reused_from_run": verdict.reused_from or "",
                    **({"partition_stats": dg.MetadataValue.json(verdict.stats)}
                       if report.suite == quality.DRIFT_SUITE else {}),
                },
            )


def _provenance(claims: ClaimsResource, partitions: list[str], run_id: str) -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
    except OSError:
        commit = None
    try:
        model_version = metadata.version(claims.model)
    except metadata.PackageNotFoundError:
        model_version = "unknown"
    return {
        "extractor_version": EXTRACTOR_VERSION,
        "model": {"name": claims.model, "version": model_version},
        "git_commit": commit,
        "partitions": partitions,
        "run_id": run_id,
    }


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[warehouse_candidate],
          kinds={"parquet"}, pool=WAREHOUSE_WRITER_POOL)
def claims_release(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """The gated partition loaded into the warehouse, and a new immutable release cut from it.

    Unchanged data makes no new version. `latest` is not moved here but by published_release,
    after the datapackage check.
    """
    with _step(context, claims):
        paths = claims.paths
        partition_key, run_id = context.partition_key, context.run.run_id
        started = time.perf_counter()
        with warehouse.writer_lock(paths.work_db):
            with warehouse.open_writer(paths.work_db, claims.duckdb_memory_limit) as connection:
                loaded = load.load_partition(connection, partition_key, paths.staging_for(partition_key),
                                             stage="publish")
                warehouse.record_run(connection, run_id, partition_key, EXTRACTOR_VERSION, claims.model, loaded.counts)
                provenance = _provenance(claims, warehouse.loaded_partitions(connection), run_id)
                built = release.build_release(connection, paths.releases, provenance,
                                              validation_dir=paths.reports_for(partition_key) / run_id,
                                              terms=release.DatasetTerms(claims.dataset_license, claims.dataset_citation))
                pause_point("publish:release-built")
                release.record_release(connection, built, run_id)
            # Taken under the lock, so the snapshot readers get is exactly this release's state.
            warehouse.copy_database(paths.work_db, paths.pending_snapshot(partition_key, run_id))
        paths.candidate_db_for(partition_key).unlink(missing_ok=True)
        atomic.write_text(paths.staging_for(partition_key) / RELEASE_HANDOVER,
                          json.dumps({"run_id": run_id, "version": built.version}))
        context.log.info(f"release {built.version} {'built' if built.created else 'unchanged: no new version'}")
        return dg.MaterializeResult(metadata={
            "version": built.version,
            "new_version": built.created,
            "path": dg.MetadataValue.path(str(built.path)),
            **{f"rows_{table}": count for table, count in built.row_counts.items()},
            "seconds": round(time.perf_counter() - started, 3),
        })


RELEASE_HANDOVER = "release.json"


def _release_of_run(claims: ClaimsResource, partition_key: str, run_id: str) -> str:
    """The version claims_release chose in this run (an earlier one when data was unchanged)."""
    handover = json.loads((claims.paths.staging_for(partition_key) / RELEASE_HANDOVER).read_text())
    if handover["run_id"] != run_id:
        raise dg.Failure(f"claims_release of run {run_id} did not complete; found {handover}")
    return handover["version"]


@dg.asset_check(asset=claims_release, blocking=True,
                description="datapackage.json is valid Data Package v2 and matches every file's hash and columns")
def datapackage_valid(context: dg.AssetCheckExecutionContext, claims: ClaimsResource) -> dg.AssetCheckResult:
    with _step(context, claims):
        version = _release_of_run(claims, context.partition_key, context.run.run_id)
        problems = release.release_problems(claims.paths.releases / version)
        return dg.AssetCheckResult(
            passed=not problems,
            description="; ".join(problems[:5]) or f"{version}: datapackage valid",
            metadata={"version": version, "n_problems": len(problems)},
        )


@dg.asset(partitions_def=daily_partitions, group_name="claims", deps=[claims_release], kinds={"duckdb"},
          pool=WAREHOUSE_WRITER_POOL)
def published_release(context: dg.AssetExecutionContext, claims: ClaimsResource) -> dg.MaterializeResult:
    """What readers see: the DuckDB snapshot swapped in, then `latest` pointed at the release."""
    with _step(context, claims, last=True):
        paths = claims.paths
        version = _release_of_run(claims, context.partition_key, context.run.run_id)
        pending = paths.pending_snapshot(context.partition_key, context.run.run_id)
        with warehouse.writer_lock(paths.work_db):
            current = release.latest_version(paths.releases)
            if current and release.version_key(current) > release.version_key(version):
                # A concurrent run published a newer release, which already holds this partition.
                pending.unlink(missing_ok=True)
                context.log.info(f"release {version} superseded by {current}; `latest` stays")
                return dg.MaterializeResult(metadata={"version": version, "superseded_by": current})
            warehouse.publish_snapshot(pending, paths.snapshot_db)
            pause_point("publish:before-latest")
            release.point_latest(paths.releases, version)
        context.log.info(f"published release {version} at {paths.releases / version}")
        return dg.MaterializeResult(metadata={
            "version": version,
            "path": dg.MetadataValue.path(str(paths.releases / version)),
            "snapshot": dg.MetadataValue.path(str(paths.snapshot_db)),
            "report": dg.MetadataValue.path(str(paths.releases / version / "report.html")),
        })
