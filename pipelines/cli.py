"""The `claims` command: run the job through Dagster, query the published warehouse, evaluate."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from pipelines.query import FORMATS
from pipelines.settings import DEFAULT_MODEL, FIRST_PARTITION, Settings, SettingsError


def _partition_problem(partition: str, today: date) -> str | None:
    """Why a partition key cannot be run, in words, or None when it can."""
    try:
        day = date.fromisoformat(partition)
    except ValueError:
        return f"--partition must be a day YYYY-MM-DD, not {partition!r}"
    if partition != day.isoformat():
        return f"--partition must be written YYYY-MM-DD, not {partition!r}"
    if not FIRST_PARTITION <= day <= today:
        return (f"no partition {partition}: the days run from {FIRST_PARTITION} to today, {today} (UTC); "
                "an inbox folder for a later day is run on that day")
    return None


def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    today = datetime.now(timezone.utc).date()
    partition = args.partition or today.isoformat()
    problem = _partition_problem(partition, today) or next(
        (f"--input {path} does not exist" for path in args.input if not Path(path).exists()), None)
    if problem:
        print(f"claims: {problem}", file=sys.stderr)
        return 2
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")  # before Dagster is imported
    from pipelines import instance as dagster_instance
    from pipelines import release
    from pipelines.definitions import JOB_NAME, build_defs

    inputs = [str(Path(path).resolve()) for path in args.input]
    job = build_defs(settings).resolve_job_def(JOB_NAME)
    instance = dagster_instance.open_instance(settings)
    for run_id in dagster_instance.fail_dead_runs(instance):
        print(f"claims: run {run_id} was killed before it finished: marked failed, its pool slot freed", flush=True)
    run_config = {
        "ops": {"ingested_documents": {"config": {"input_paths": inputs}}},
        "loggers": {"console": {"config": {"log_level": args.log_level}}},
    }
    latest_before = release.latest_version(settings.paths.releases)
    print(f"claims: running {JOB_NAME} for partition {partition} (CLAIMS_HOME={settings.home}; "
          f"run history in the Dagster instance {dagster_instance.dagster_home(settings)})", flush=True)
    result = job.execute_in_process(run_config=run_config, instance=instance, partition_key=partition,
                                    tags=dagster_instance.run_tags(), raise_on_error=False)
    evaluations = result.get_asset_check_evaluations()
    _report_checks(evaluations)
    failed_checks = [e for e in evaluations if not e.passed and e.severity.value == "ERROR"]
    failed_steps = [event.step_key for event in result.all_events
                    if event.event_type_value == "STEP_FAILURE" and not event.step_key.endswith(("quality_gate", "_valid"))]
    for step in failed_steps:
        print(f"claims: step {step} FAILED (see the Dagster logs above)", file=sys.stderr)
    if failed_checks or failed_steps or not result.success:
        reports = settings.paths.reports_for(partition) / result.run_id
        if (reports / "report.md").exists():
            print(f"claims: quality report at {reports / 'report.md'}", file=sys.stderr)
        print("claims: nothing was published; the previous release is still `latest`", file=sys.stderr)
        return 1
    latest = settings.paths.latest_release
    if release.latest_version(settings.paths.releases) == latest_before:
        print(f"claims: nothing changed since release {latest_before}: it stays `latest`, no new release")
    else:
        print(f"claims: published release {latest.resolve().name} at {latest.resolve()}")
    print(f"claims: warehouse snapshot at {settings.paths.snapshot_db}")
    return 0


def _report_checks(evaluations) -> None:
    """Each check that had something to say, in words: a warning does not stop the release."""
    for evaluation in evaluations:
        name, description = evaluation.check_name, evaluation.description
        if evaluation.passed:
            if description != "all expectations met":
                print(f"claims: check {name} passed: {description}")
        elif evaluation.severity.value == "WARN":
            print(f"claims: warning from check {name} (the release is not held back for it): {description}")
        else:
            print(f"claims: check {name} failed, so nothing will be published: {description}", file=sys.stderr)


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from pipelines.query import connect_sandboxed, is_refusal, run_query, write_result

    settings = Settings.from_env()
    output = Path(args.output).resolve() if args.output else None
    if args.format == "parquet" and output is None:
        print("claims: --format parquet needs --output FILE", file=sys.stderr)
        return 2
    if output is not None and output.is_relative_to(settings.home):
        print(f"claims: --output {args.output} lies under CLAIMS_HOME ({settings.home}), "
              "which holds the pipeline's own files: write elsewhere", file=sys.stderr)
        return 2
    try:
        connection = connect_sandboxed(settings.paths.snapshot_db)
    except FileNotFoundError as error:
        print(f"claims: {error}", file=sys.stderr)
        return 2
    try:
        result = run_query(connection, args.sql)
    except duckdb.Error as error:
        if is_refusal(error):
            print(f"claims: refused (queries are read-only and may not touch files or settings): "
                  f"{str(error).splitlines()[0]}", file=sys.stderr)
            return 3
        print(f"claims: query failed: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"claims: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    write_result(result, args.format, output)
    return 0


def _releases(args: argparse.Namespace) -> int:
    from pipelines import release

    releases_dir = Settings.from_env().paths.releases
    latest = release.latest_version(releases_dir)
    versions = release.list_versions(releases_dir)
    if not versions:
        print(f"claims: no releases under {releases_dir}", file=sys.stderr)
        return 1
    print("version\tcreated\tdocuments\tclaims\tentities\tmentions\trejected\textractor\tlatest")
    for version in versions:
        package = release.read_datapackage(releases_dir / version)
        rows = {r["name"]: r["rows"] for r in package["resources"]}
        print("\t".join(map(str, [
            version, package["created"], rows["documents"], rows["claims"], rows["entities"],
            rows["mentions"], rows["rejected_documents"], package["extractor_version"],
            "*" if version == latest else "",
        ])))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from pipelines import release

    releases_dir = Settings.from_env().paths.releases
    version = args.version if args.version not in (None, "latest") else release.latest_version(releases_dir)
    if not version or not (releases_dir / version).is_dir():
        print(f"claims: no release {version or '(latest)'} under {releases_dir}", file=sys.stderr)
        return 2
    problems = release.validate_datapackage(releases_dir / version)
    for problem in problems:
        print(f"claims: {version}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"claims: {version}: every file matches datapackage.json (sha256, columns)")
    return 0


def _show(args: argparse.Namespace) -> int:
    from pipelines.query import connect_sandboxed
    from pipelines.show import render_document

    try:
        connection = connect_sandboxed(Settings.from_env().paths.snapshot_db)
    except FileNotFoundError as error:
        print(f"claims: {error}", file=sys.stderr)
        return 2
    with connection:
        text = render_document(connection, args.doc_id, color=sys.stdout.isatty() and not args.plain)
    if text is None:
        print(f"claims: no document {args.doc_id}", file=sys.stderr)
        return 1
    print(text)
    return 0


def _diff(args: argparse.Namespace) -> int:
    from pipelines import release, release_docs

    releases_dir = Settings.from_env().paths.releases
    dirs = [releases_dir / v for v in (args.old, args.new)]
    for path in dirs:
        if not (path / release.DATAPACKAGE).exists():
            print(f"claims: no release {path.name} under {releases_dir}", file=sys.stderr)
            return 2
    old, new = (release.read_datapackage(path) for path in dirs)
    changes = release_docs.diff_releases(dirs[1], dirs[0])
    print(f"{args.old} → {args.new}")
    for line in release_docs.change_lines(changes, new, old):
        print(f"  {line}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from pipelines.evaluation import cli_main

    return cli_main(args.gold, as_json=args.json, predictions=args.predictions, model=args.model)


def _snapshot(args: argparse.Namespace) -> int:
    from pipelines.snapshot import main as snapshot_main

    return snapshot_main(args)


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
    query.add_argument("--format", choices=FORMATS, default="table",
                       help="table (default; NULL shown as NULL), csv, json (one object a line) or parquet")
    query.add_argument("--output", metavar="FILE", help="write the result to FILE (only that file) instead of printing it")
    query.set_defaults(handler=_query)

    commands.add_parser("releases", help="list published releases with row counts").set_defaults(handler=_releases)

    verify = commands.add_parser("verify", help="re-check every file of a release against its checksum")
    verify.add_argument("version", nargs="?", help="release version (default: latest)")
    verify.set_defaults(handler=_verify)

    show = commands.add_parser("show", help="print a document with its claims marked")
    show.add_argument("doc_id")
    show.add_argument("--plain", action="store_true", help="no colours, brackets only")
    show.set_defaults(handler=_show)

    diff = commands.add_parser("diff", help="what changed between two releases")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.set_defaults(handler=_diff)

    evaluate = commands.add_parser("eval", help="score the extractor against a gold JSONL file")
    evaluate.add_argument("--gold", required=True, help="gold JSONL (see docs/extraction.md)")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--predictions", metavar="OUT.jsonl", help="also write predictions in the gold format")
    evaluate.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline")
    evaluate.set_defaults(handler=_eval)

    snapshot = commands.add_parser(
        "snapshot", help="record the extractor's output on a fixed document set, or compare against a record")
    snapshot.add_argument("action", choices=["record", "compare"])
    snapshot.add_argument("file", help="the record (.jsonl.gz): written by record, read by compare")
    snapshot.add_argument("--shared", default="../shared", help="the shared folder with gold/ and corpus/")
    snapshot.add_argument("--samples", default="data/samples", help="the bundled sample articles")
    snapshot.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline")
    snapshot.set_defaults(handler=_snapshot)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SettingsError as error:  # a CLAIMS_* setting: the user's to fix, no traceback
        print(f"claims: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
