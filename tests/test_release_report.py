"""report.html built from a tiny in-memory release: marked spans cut at their offsets and
escaped, the quality gate's warnings in words, and the changes since the previous release."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines import quality, release_report
from pipelines.schema import TABLES

TEXT = ('Harbour news.\nThe "A&B <Co>" board said on Monday that fees <will> rise & fall. '
        "Nobody else spoke.")
VERSION = "2026.11.24.1"


def _span(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment)}


CLAIM_SPANS = {"source": _span('The "A&B <Co>" board'), "cue": _span("said"), "time": _span("on Monday"),
               "content": _span("fees <will> rise & fall")}


def _package(version: str) -> dict:
    return {"version": version, "extractor_version": "0.6.0", "schema_version": "2", "created": "2026-11-24T02:00:00+00:00",
            "model": {"name": "en_core_web_sm", "version": "3.8.0"},
            "resources": [{"name": "claims", "path": "claims.parquet", "rows": 1, "schema": {"fields": []}}]}


def _release(directory, warning: quality.ExpectationOutcome | None) -> None:
    """documents.parquet and claims.parquet of one document and one claim, and the gate's reports."""
    document = {"doc_id": "doc_1", "outlet": "A&B <Daily>", "title": "Fees", "text": TEXT, "partition_key": "2026-11-24"}
    claim = {"claim_id": "clm_1", "doc_id": "doc_1", "sentence_index": 1, "source_entity": "A&B board",
             "source_kind": "organization", "quote_type": "indirect", "partition_key": "2026-11-24",
             **{f"{role}_spans": [CLAIM_SPANS[role]] if role in CLAIM_SPANS else [] for role in release_report.ROLES}}
    for table, row in (("documents", document), ("claims", claim)):
        pq.write_table(pa.Table.from_pylist([row], schema=TABLES[table].arrow_schema()), directory / f"{table}.parquet")
    passed = quality.ExpectationOutcome("expect_column_values_to_not_be_null", "doc_id", quality.ERROR, True, "keys")
    reports = [quality.SuiteReport(suite, 1, [passed, *([warning] if warning and suite == quality.DRIFT_SUITE else [])])
               for suite in quality.SUITES]
    quality.write_reports(reports, {"n_documents": 1}, directory / "validation")


class _Tags(HTMLParser):
    """Fails on a closing tag that does not close the innermost open one."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag != "meta":  # the report's one void element
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        """A self-closed element (the charts' rect) opens nothing."""

    def handle_endtag(self, tag):
        assert self.open.pop() == tag


def test_report_marks_each_span_at_its_offsets_escaped_and_names_the_warning(tmp_path):
    warning = quality.ExpectationOutcome(
        "expect_column_values_to_be_between", "hedged_share_change", quality.WARN, False,
        "share of hedged claims, change in points", unexpected_count=1, unexpected_sample=[0.43867840497398985])
    _release(tmp_path, warning)
    report = release_report.html_report(tmp_path, _package(VERSION), {}, None)

    for role, span in CLAIM_SPANS.items():
        fragment = TEXT[span["start"]:span["end"]]
        assert f'<mark class="{role}">{html.escape(fragment)}</mark>' in report
    assert '<mark class="source">The &quot;A&amp;B &lt;Co&gt;&quot; board</mark>' in report
    assert "Harbour news." not in report and "Nobody else spoke." not in report  # the claim's sentence only
    assert "<Co>" not in report and "A&B <Daily>" not in report and "A&amp;B &lt;Daily&gt;" in report
    tags = _Tags()
    tags.feed(report)
    assert tags.open == []

    assert "<td>distribution</td><td>1</td><td>2</td><td>passed with 1 warning</td>" in report
    assert ("distribution: column values to be between (hedged_share_change, warn): 1 value outside it, e.g. 0.439. "
            "<i>Why it is checked:</i> share of hedged claims, change in points") in report
    assert "First release: nothing earlier to compare with." in report


def test_report_lists_what_changed_since_the_previous_release(tmp_path):
    _release(tmp_path, None)
    changes = {"tables": {"documents": {"added": 1, "removed": 0}, "claims": {"added": 1, "removed": 2}},
               "outlets": [("A&B <Daily>", (0, 0), (1, 1)), ("Same", (3, 4), (3, 4))]}
    report = release_report.html_report(tmp_path, _package(VERSION), changes, _package("2026.11.23.1"))
    assert "<h2>Changes since 2026.11.23.1</h2>" in report
    assert "<li>documents: +1 −0</li><li>claims: +1 −2</li>" in report
    assert "<li>outlet A&amp;B &lt;Daily&gt;: documents 0 → 1, claims 0 → 1</li>" in report and "outlet Same" not in report
    assert "No warnings." in report


def test_nested_and_crossing_spans_stay_well_formed():
    marked = release_report.mark_spans("a hedged claim", [(0, 14, "content"), (2, 8, "cue"), (6, 10, "source")])
    assert marked == ('<mark class="content">a </mark><mark class="content cue">hedg</mark>'
                      '<mark class="content source cue">ed</mark><mark class="content source"> c</mark>'
                      '<mark class="content">laim</mark>')


def test_the_excerpt_runs_from_sentence_to_sentence_across_quotes():
    text = 'First one. “Rates will rise,” she said. “Soon.” Later on.\nNext paragraph.'
    start = text.index("“Rates")
    end = text.index("Soon") + 4
    assert text[slice(*release_report.sentence_bounds(text, start, end))] == "“Rates will rise,” she said. “Soon.”"
