"""The `claims` command: run the job through Dagster, query the published warehouse, evaluate."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

from pipelines.settings import DEFAULT_MODEL, Settings


def _run(args: argparse.Namespace) -> int:
    import dagster as dg

    from pipelines.definitions import JOB_NAME, build_defs

    settings = Settings.from_env()
    partition = args.partition or datetime.now(timezone.utc).date().isoformat()
    inputs = [str(Path(path).resolve()) for path in args.input]
    job = build_defs(settings).resolve_job_def(JOB_NAME)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run_config = {
        "ops": {"ingested_documents": {"config": {"input_paths": inputs}}},
        "loggers": {"console": {"config": {"log_level": args.log_level}}},
    }
    print(f"claims: running {JOB_NAME} for partition {partition} (CLAIMS_HOME={settings.home})", flush=True)
    result = job.execute_in_process(
        run_config=run_config, instance=instance, partition_key=partition, raise_on_error=False
    )
    failed_checks = [
        evaluation for evaluation in result.get_asset_check_evaluations()
        if not evaluation.passed and evaluation.severity.value == "ERROR"
    ]
    failed_steps = [event.step_key for event in result.all_events if event.event_type_value == "STEP_FAILURE"]
    for evaluation in failed_checks:
        print(f"claims: quality check {evaluation.check_name} FAILED: {evaluation.description}", file=sys.stderr)
    for step in failed_steps:
        print(f"claims: step {step} FAILED (see the Dagster logs above)", file=sys.stderr)
    if failed_checks or failed_steps or not result.success:
        print("claims: nothing was published; the previous release is still `latest`", file=sys.stderr)
        return 1
    latest = settings.paths.latest_release
    print(f"claims: published release {latest.resolve().name} at {latest.resolve()}")
    print(f"claims: warehouse snapshot at {settings.paths.snapshot_db}")
    return 0


def _query(args: argparse.Namespace) -> int:
    from pipelines.warehouse import connect_reader

    settings = Settings.from_env()
    try:
        connection = connect_reader(settings.paths.snapshot_db)
    except FileNotFoundError as error:
        print(f"claims: {error}", file=sys.stderr)
        return 2
    try:
        relation = connection.sql(args.sql)
        if relation is None:
            return 0
        columns = relation.columns
        rows = relation.fetchall()
    except Exception as error:  # duckdb raises many error types; all mean a bad query here
        print(f"claims: query failed: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    print("\t".join(columns))
    for row in rows:
        print("\t".join("" if value is None else str(value) for value in row))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from pipelines.evaluation import cli_main

    return cli_main(args.gold, as_json=args.json, predictions=args.predictions, model=args.model)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claims", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the nightly job for one partition and publish a release")
    run.add_argument("--input", nargs="*", default=[], metavar="PATH",
                     help="files or folders to ingest besides CLAIMS_HOME/inbox/<partition>/")
    run.add_argument("--partition", help="ingestion day YYYY-MM-DD (default: today, UTC)")
    run.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    run.set_defaults(handler=_run)

    query = commands.add_parser("query", help="run a read-only SQL query on the published warehouse")
    query.add_argument("sql")
    query.set_defaults(handler=_query)

    evaluate = commands.add_parser("eval", help="score the extractor against a gold JSONL file")
    evaluate.add_argument("--gold", required=True, help="gold JSONL (see docs/extraction.md)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--predictions", metavar="OUT.jsonl", help="also write predictions in the gold format")
    evaluate.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline")
    evaluate.set_defaults(handler=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
