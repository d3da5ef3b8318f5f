"""Data-quality gates: Great Expectations suites (JSON in `expectations/`) over DataFrames.

GX is imported lazily (it costs seconds) and runs on pandas DataFrames in an ephemeral
context: GX cannot validate DuckDB tables through SQLAlchemy. Each expectation carries a
`meta.severity` ("error" blocks the release, "warn" is reported only) and a `meta.why`.
An expectation that raised is reported with its exception, never as bad data.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from pipelines import atomic
from pipelines.warehouse import PARTITIONED_TABLES, SQL_DIR, partition_stats, read_sql

EXPECTATIONS_DIR = Path(__file__).resolve().parent.parent / "expectations"
ERROR, WARN = "error", "warn"


@dataclass
class ExpectationOutcome:
    expectation: str
    column: str | None
    severity: str
    success: bool
    why: str
    unexpected_count: int | None = None
    unexpected_sample: list = field(default_factory=list)
    observed_value: object = None
    exception: str | None = None
    mostly: float | None = None

    @property
    def blocking(self) -> bool:
        return not self.success and self.severity == ERROR


@dataclass
class SuiteReport:
    suite: str
    n_rows: int
    outcomes: list[ExpectationOutcome]

    @property
    def success(self) -> bool:
        return not any(outcome.blocking for outcome in self.outcomes)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.success]

    def to_dict(self) -> dict:
        return {"suite": self.suite, "success": self.success, "n_rows": self.n_rows,
                "outcomes": [asdict(outcome) for outcome in self.outcomes]}

    @classmethod
    def from_dict(cls, data: dict) -> "SuiteReport":
        return cls(data["suite"], data["n_rows"], [ExpectationOutcome(**o) for o in data["outcomes"]])

    def to_markdown(self) -> str:
        lines = [f"**{self.suite}**: {'passed' if self.success else 'FAILED'} on {self.n_rows:,} rows", "",
                 "| expectation | column | severity | result | unexpected | sample |",
                 "|---|---|---|---|---|---|"]
        for o in self.outcomes:
            result = "error: " + (o.exception or "")[:80] if o.exception else ("ok" if o.success else "FAIL")
            sample = ", ".join(map(str, o.unexpected_sample[:3]))[:120]
            lines.append(f"| {o.expectation} | {o.column or ''} | {o.severity} | {result} "
                         f"| {o.unexpected_count if o.unexpected_count is not None else ''} | {sample} |")
        return "\n".join(lines)


def load_suite(name: str) -> dict:
    return json.loads((EXPECTATIONS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _json_safe(value: object) -> object:
    try:
        json.dumps(value)
        return value
    except TypeError:
        return str(value)


def _exception_message(exception_info: dict) -> str | None:
    """GX nests exception info per metric; flatten it to the first message, if any raised."""
    if not exception_info:
        return None
    if exception_info.get("raised_exception"):
        return exception_info.get("exception_message") or "expectation raised"
    for value in exception_info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return value.get("exception_message") or "expectation raised"
    return None


def _gx_context():
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


class SuiteRunner:
    """One suite registered once in a GX context, then run over any number of DataFrames
    (the chunks of a partition)."""

    def __init__(self, suite_name: str, context=None):
        from great_expectations.core import ExpectationSuite

        self.suite_name = suite_name
        context = context or _gx_context()
        self.batch_definition = (
            context.data_sources.add_pandas(suite_name)
            .add_dataframe_asset(suite_name)
            .add_batch_definition_whole_dataframe("partition")
        )
        self.suite = context.suites.add(ExpectationSuite(**load_suite(suite_name)))

    def run(self, frame: pd.DataFrame) -> SuiteReport:
        """Every expectation's outcome over `frame`."""
        batch = self.batch_definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(self.suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5})
        outcomes = []
        for item in result.results:
            config = item.expectation_config
            details = item.result or {}
            exception = _exception_message(item.exception_info or {})
            outcomes.append(ExpectationOutcome(
                expectation=config.type,
                column=config.kwargs.get("column"),
                severity=(config.meta or {}).get("severity", ERROR),
                success=bool(item.success) and exception is None,
                why=(config.meta or {}).get("why", ""),
                unexpected_count=details.get("unexpected_count"),
                unexpected_sample=[_json_safe(v) for v in details.get("partial_unexpected_list") or []],
                observed_value=_json_safe(details.get("observed_value")),
                exception=exception,
                mostly=config.kwargs.get("mostly"),
            ))
        return SuiteReport(suite=self.suite_name, n_rows=len(frame), outcomes=outcomes)


def validate(suite_name: str, frame: pd.DataFrame, context=None) -> SuiteReport:
    """Run one suite over a DataFrame and return every expectation's outcome."""
    return SuiteRunner(suite_name, context).run(frame)


TABLE_SUITES = ("documents", "mentions", "entities", "claims", "claim_mentions", "rejected_documents", "top_sources")
DRIFT_SUITE = "distribution"
SUITES = (*TABLE_SUITES, DRIFT_SUITE)
_DRIFT_RATIOS = ("claims_per_1000_words",)
_DRIFT_CHANGES = ("resolved_source_share", "hedged_share", "rejected_share")


def drift_frame(current: dict, previous: dict | None) -> pd.DataFrame:
    """The partition's figures with their ratio or change against the previous release's.

    Without a previous figure the drift columns are null, which the suite skips.
    """
    row = dict(current)
    previous = previous or {}
    for name in _DRIFT_RATIOS:
        before, now = previous.get(name), current.get(name)
        row[f"{name}_ratio"] = now / before if before and now is not None else None
    for name in _DRIFT_CHANGES:
        before, now = previous.get(name), current.get(name)
        row[f"{name}_change"] = now - before if before is not None and now is not None else None
    return pd.DataFrame([row]).astype({f"{n}_ratio": "float64" for n in _DRIFT_RATIOS}
                                      | {f"{n}_change": "float64" for n in _DRIFT_CHANGES})


def validation_fingerprint(connection, partition_key: str) -> str:
    """The partition's rows, the suites and their queries: an unchanged fingerprint keeps the
    verdict the gate gave when it last judged the partition.

    The drift baseline is left out on purpose: re-judging identical rows against a release
    that now contains them tells nothing new; drift is judged when the data is new.
    """
    digest = hashlib.sha256()
    for table in PARTITIONED_TABLES:
        (row_hash,) = connection.execute(
            f"SELECT sum(hash(t)::HUGEINT) FROM {table} t WHERE partition_key = ?", [partition_key]
        ).fetchone()
        digest.update(f"{table}:{row_hash}".encode())
    for path in sorted([*EXPECTATIONS_DIR.glob("*.json"), *(SQL_DIR / "validate").glob("*.sql"),
                        SQL_DIR / "partition_stats.sql", SQL_DIR / "span_consistency.sql"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_reports(directory: Path) -> tuple[list[SuiteReport], dict]:
    """Reports and partition figures written by `write_reports`."""
    reports = [SuiteReport.from_dict(json.loads((directory / f"{suite}.json").read_text(encoding="utf-8")))
               for suite in SUITES]
    return reports, json.loads((directory / "stats.json").read_text(encoding="utf-8"))


# Suites whose rows belong to one document: validated a chunk of documents at a time, so the
# gate's memory does not grow with the partition. Their keys (doc_id, mention_id, claim_id,
# links) all hash the doc_id, so a duplicate can only sit within one document's chunk.
DOCUMENT_SUITES = ("documents", "mentions", "claims", "claim_mentions")


def doc_chunks(connection, partition_key: str, size: int | None = None) -> list[dict]:
    """Contiguous doc_id ranges ($doc_from inclusive, $doc_below exclusive) covering every
    possible doc_id, each holding at most `size` of the partition's documents (default
    CLAIMS_GATE_DOCS_PER_CHUNK, 2,000); the first and last are open-ended, so rows pointing
    at missing documents are still checked."""
    size = size or int(os.environ.get("CLAIMS_GATE_DOCS_PER_CHUNK", "2000"))
    starts = [row[0] for row in connection.execute(
        "SELECT doc_id FROM (SELECT doc_id, row_number() OVER (ORDER BY doc_id) - 1 AS r "
        "FROM documents WHERE partition_key = $partition_key) WHERE r > 0 AND r % $size = 0 ORDER BY doc_id",
        {"partition_key": partition_key, "size": size}).fetchall()]
    bounds = [None, *starts, None]
    return [{"doc_from": lo, "doc_below": hi} for lo, hi in zip(bounds, bounds[1:])]


def merge_reports(reports: list[SuiteReport]) -> SuiteReport:
    """One suite's reports over disjoint chunks of rows, as one report over all of them."""
    rows = sum(report.n_rows for report in reports)
    outcomes = []
    for parts in zip(*(report.outcomes for report in reports)):
        counts = [o.unexpected_count for o in parts if o.unexpected_count is not None]
        exception = next((o.exception for o in parts if o.exception), None)
        outcomes.append(ExpectationOutcome(
            expectation=parts[0].expectation, column=parts[0].column, severity=parts[0].severity,
            why=parts[0].why,
            success=exception is None and _merged_success(parts, rows),
            unexpected_count=sum(counts) if counts else None,
            unexpected_sample=[v for o in parts for v in o.unexpected_sample][:5],
            observed_value=next((o.observed_value for o in parts if o.observed_value is not None), None),
            exception=exception,
            mostly=parts[0].mostly,
        ))
    return SuiteReport(reports[0].suite, rows, outcomes)


def _merged_success(parts: tuple[ExpectationOutcome, ...], rows: int) -> bool:
    """Every chunk passed, or for a `mostly` expectation the share over all `rows` does."""
    if parts[0].mostly is None or all(o.success for o in parts):
        return all(o.success for o in parts)
    unexpected = sum(o.unexpected_count or 0 for o in parts)
    return rows == 0 or 1 - unexpected / rows >= parts[0].mostly


def validate_partition(
    connection, partition_key: str, previous_stats: dict | None
) -> tuple[list[SuiteReport], dict]:
    """Every suite over one partition of a warehouse; returns the reports and the partition's figures."""
    context = _gx_context()
    span_consistency = read_sql("span_consistency.sql")
    chunks = doc_chunks(connection, partition_key)
    reports = []
    for name in TABLE_SUITES:
        query = read_sql(f"validate/{name}.sql").replace("{span_consistency}", span_consistency)
        runner = SuiteRunner(name, context)
        parts = []
        for chunk in (chunks if name in DOCUMENT_SUITES else [{}]):
            frame = connection.execute(query, {"partition_key": partition_key, **chunk}).df()
            parts.append(runner.run(frame))
            del frame
        reports.append(merge_reports(parts))
    current = partition_stats(connection, partition_key)
    reports.append(validate(DRIFT_SUITE, drift_frame(current, previous_stats), context))
    return reports, current


def _shown(value: object) -> str:
    """A value as a person reads it: 0.439, not 0.43867840497398985."""
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def summarise(failures: list[ExpectationOutcome]) -> str:
    """One line per failed expectation, with unexpected counts and examples, for people on call."""
    lines = []
    for o in failures:
        what = f"{o.expectation.removeprefix('expect_').replace('_', ' ')} ({o.column or 'table'}, {o.severity.lower()})"
        if o.exception:
            lines.append(f"{what} could not run: {o.exception}")
        elif o.unexpected_count is not None:
            examples = ", ".join(_shown(v) for v in o.unexpected_sample[:3])
            lines.append(f"{what}: {o.unexpected_count} value{'s' if o.unexpected_count != 1 else ''} "
                         f"outside it, e.g. {examples}")
        else:
            lines.append(f"{what}: observed {_shown(o.observed_value)}")
    return "; ".join(lines)


def write_reports(reports: list[SuiteReport], stats: dict, directory: Path) -> None:
    """Each suite's results as JSON plus one Markdown report, kept whether or not the run publishes."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "stats.json").write_text(json.dumps(stats, indent=2, default=str), encoding="utf-8")
    for report in reports:
        (directory / f"{report.suite}.json").write_text(json.dumps(report.to_dict(), indent=2, default=str), encoding="utf-8")
    verdict = "PASSED" if all(r.success for r in reports) else "FAILED"
    body = [f"# Data-quality report: {verdict}", "", "Partition figures: " + json.dumps(stats, default=str), ""]
    body += [report.to_markdown() + "\n" for report in reports]
    (directory / "report.md").write_text("\n".join(body), encoding="utf-8")


@dataclass
class Verdict:
    reports: list[SuiteReport]
    stats: dict
    reused_from: str | None
    """The earlier run whose verdict was kept because the partition was unchanged."""


def judge_partition(
    connection, partition_key: str, previous_stats: dict | None, partition_reports: Path, run_id: str
) -> Verdict:
    """Validate a partition, or keep the verdict of the run that last judged the same rows.

    Writes this run's reports to `partition_reports/<run_id>/` either way.
    """
    verdict_file = partition_reports / "last-verdict.json"
    fingerprint = validation_fingerprint(connection, partition_key)
    last = json.loads(verdict_file.read_text(encoding="utf-8")) if verdict_file.exists() else {}
    reused_from = last.get("run_id") if last.get("fingerprint") == fingerprint else None
    if reused_from:
        reports, stats = read_reports(partition_reports / reused_from)
    else:
        reports, stats = validate_partition(connection, partition_key, previous_stats)
    write_reports(reports, stats, partition_reports / run_id)
    # written whole or not at all: a killed run must not leave half a verdict
    atomic.write_text(verdict_file, json.dumps({"fingerprint": fingerprint, "run_id": reused_from or run_id}))
    return Verdict(reports, stats, reused_from)
