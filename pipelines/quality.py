"""Data-quality gates: Great Expectations suites (JSON in `expectations/`) over DataFrames.

GX is imported lazily (it costs seconds) and runs on pandas DataFrames in an ephemeral
context: GX cannot validate DuckDB tables through SQLAlchemy. Each expectation carries a
`meta.severity` ("error" blocks the release, "warn" is reported only) and a `meta.why`.
An expectation that raised is reported with its exception, never as bad data.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

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


def validate(suite_name: str, frame: pd.DataFrame) -> SuiteReport:
    """Run one suite over a DataFrame and return every expectation's outcome."""
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite
    from great_expectations.data_context.types.base import ProgressBarsConfig

    suite_spec = load_suite(suite_name)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (
        context.data_sources.add_pandas(suite_name)
        .add_dataframe_asset(suite_name)
        .add_batch_definition_whole_dataframe("partition")
    )
    suite = context.suites.add(ExpectationSuite(**suite_spec))
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5})

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
        ))
    return SuiteReport(suite=suite_name, n_rows=len(frame), outcomes=outcomes)
