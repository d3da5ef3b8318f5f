"""docs/quality.md lists every expectation of every suite, so the note stays true."""

from __future__ import annotations

import json

from pipelines.quality import EXPECTATIONS_DIR, SUITES

from .conftest import REPO


def test_every_expectation_is_documented_with_its_severity():
    doc = (REPO / "docs" / "quality.md").read_text(encoding="utf-8")
    suites = sorted(path.stem for path in EXPECTATIONS_DIR.glob("*.json"))
    assert suites == sorted(SUITES)
    for suite in suites:
        for expectation in json.loads((EXPECTATIONS_DIR / f"{suite}.json").read_text())["expectations"]:
            row = f"| {expectation['type']} | {expectation['kwargs'].get('column', '')} |"
            assert any(line.startswith(row) and f"| {expectation['meta']['severity']} |" in line
                       and expectation["meta"]["why"] in line for line in doc.splitlines()), (suite, row)


def test_rejection_reasons_of_ingestion_are_the_suite_enum():
    from pipelines.ingest import REJECTION_REASONS

    suite = json.loads((EXPECTATIONS_DIR / "rejected_documents.json").read_text())
    [reasons] = [e["kwargs"]["value_set"] for e in suite["expectations"] if e["kwargs"].get("column") == "reason"]
    assert sorted(reasons) == sorted(REJECTION_REASONS)
