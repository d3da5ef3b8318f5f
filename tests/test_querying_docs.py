"""Every example in docs/querying.md runs against the sample release."""

from __future__ import annotations

import os
import re

import duckdb
import pytest

from pipelines.settings import Paths

from .conftest import REPO, SAMPLES, run_job

pytestmark = pytest.mark.slow
DOC = (REPO / "docs" / "querying.md").read_text(encoding="utf-8")
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)
PANDAS_BLOCK = next(b for b in re.findall(r"```python\n(.*?)```", DOC, flags=re.S) if "pandas" in b)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder with data/ as CLAIMS_HOME, so the doc's relative release paths resolve."""
    root = tmp_path_factory.mktemp("querying")
    assert run_job(root / "data", "2026-11-25", [SAMPLES]).success
    return root


def test_the_doc_has_ten_questions_and_a_parquet_example():
    assert len(SQL_BLOCKS) == 12


@pytest.mark.parametrize("number", range(len(SQL_BLOCKS)))
def test_sql_example_runs_and_returns_rows(workdir, number, monkeypatch):
    monkeypatch.chdir(workdir)
    with duckdb.connect(str(Paths(workdir / "data").snapshot_db), read_only=True) as db:
        rows = db.execute(SQL_BLOCKS[number]).fetchall()
    assert rows, f"example {number + 1} returned no rows on the sample release"


def test_pandas_example_runs(workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    namespace: dict = {}
    exec(PANDAS_BLOCK, namespace)
    assert namespace["by_outlet"].sum() == len(namespace["claims"]) > 0
    assert os.path.exists("data/releases/latest/claims.parquet")
