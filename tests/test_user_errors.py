"""A user's ordinary mistakes: one line saying what to do, a non-zero exit, no traceback,
before any slow start-up (separate processes, as a user runs the command)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from pipelines.extraction import extract_document


def claims(tmp_path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLAIMS_HOME": str(tmp_path / "home"), "DAGSTER_DISABLE_TELEMETRY": "1", **settings}
    env.pop("DAGSTER_HOME", None)
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: ") and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


TOMORROW = (datetime.now(timezone.utc).date() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(("args", "expected"), [
    (["run", "--partition", "2026-13-45"], "--partition must be a day YYYY-MM-DD, not '2026-13-45'"),
    (["run", "--partition", "20261203"], "must be written YYYY-MM-DD"),
    (["run", "--partition", TOMORROW], f"no partition {TOMORROW}: the days run from 2024-01-01 to today"),
    (["run", "--partition", "2023-12-31"], "no partition 2023-12-31"),
    (["run", "--input", "no/such/folder"], "--input no/such/folder does not exist"),
    (["eval", "--gold", "no-such-gold.jsonl"], "no gold file no-such-gold.jsonl"),
])
def test_a_user_error_is_one_line_and_exit_2(tmp_path, args, expected):
    one_line_error(claims(tmp_path, *args), expected)


def test_a_licence_that_is_no_spdx_id_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_DATASET_LICENSE", "CC BY 4")
    one_line_error(claims(tmp_path, "run"), "CLAIMS_DATASET_LICENSE must be an SPDX licence id")


@pytest.mark.parametrize(("setting", "value", "expected"), [
    ("CLAIMS_N_PROCESS", "abc", "CLAIMS_N_PROCESS must be a whole number of at least 1, not 'abc'"),
    ("CLAIMS_N_PROCESS", "0", "CLAIMS_N_PROCESS must be a whole number of at least 1, not '0'"),
    ("CLAIMS_BATCH_SIZE", "-5", "CLAIMS_BATCH_SIZE must be a whole number of at least 1"),
    ("CLAIMS_DUCKDB_MEMORY_LIMIT", "lots", "CLAIMS_DUCKDB_MEMORY_LIMIT must be a size such as 256MB"),
])
def test_a_bad_setting_is_one_line_and_exit_2(tmp_path, setting, value, expected):
    one_line_error(claims(tmp_path, "run", "--partition", "2026-11-24", **{setting: value}), expected)


def test_a_gold_file_that_is_not_jsonl_is_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("this is not json\n", encoding="utf-8")
    one_line_error(claims(tmp_path, "eval", "--gold", str(gold)), f"{gold} is not gold JSONL")


def test_the_extraction_api_takes_an_iso_date_string_and_refuses_other_types(nlp):
    doc = nlp("The mayor said on Tuesday that the bridge would reopen.")
    as_string = extract_document(doc, "d", "2026-12-03")
    as_date = extract_document(doc, "d", date(2026, 12, 3))
    assert [c.claim_date for c in as_string.claims] == [c.claim_date for c in as_date.claims]
    assert as_date.claims[0].claim_date == date(2026, 12, 1)
    with pytest.raises(ValueError, match="published_at must be a date, an ISO date string"):
        extract_document(doc, "d", 20261203)
