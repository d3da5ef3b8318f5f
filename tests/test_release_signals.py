"""What a run and a release say happened, in words: rejections count as changes, warnings
are warnings, an unchanged night says nothing new was published."""

from __future__ import annotations

import pytest

from pipelines import release
from pipelines.quality import ExpectationOutcome, summarise
from pipelines.settings import Paths

from .conftest import SAMPLES
from .test_cli import claims

pytestmark = pytest.mark.slow


def test_a_release_that_only_adds_rejections_says_so_and_an_unchanged_night_publishes_nothing(tmp_path):
    home = tmp_path / "home"
    first = claims(home, "run", "--input", str(SAMPLES / "01-harbour-strike.txt"), "--partition", "2026-11-24")
    assert first.returncode == 0 and "published release" in first.stdout, first.stderr

    again = claims(home, "run", "--input", str(SAMPLES / "01-harbour-strike.txt"), "--partition", "2026-11-24")
    assert again.returncode == 0, again.stderr
    assert "nothing changed since release" in again.stdout and "published release" not in again.stdout

    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    versions = release.list_versions(Paths(home).releases)
    only_rejection = claims(home, "run", "--input", str(SAMPLES / "01-harbour-strike.txt"), str(empty),
                            "--partition", "2026-11-24")
    assert only_rejection.returncode == 0, only_rejection.stderr
    after = release.list_versions(Paths(home).releases)
    assert len(after) == len(versions) + 1
    changelog = (Paths(home).latest_release / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "| rejected_documents | 1 | 0 |" in changelog
    diff = claims(home, "diff", versions[-1], after[-1])
    assert "rejected_documents: +1 −0" in diff.stdout and "documents: +0 −0" in diff.stdout


def test_a_failed_expectation_reads_as_words_with_rounded_examples():
    outcome = ExpectationOutcome(expectation="expect_column_values_to_be_between", column="hedged_share",
                                 severity="warn", success=False, why="drift", unexpected_count=1,
                                 unexpected_sample=[0.43867840497398985])
    assert summarise([outcome]) == "column values to be between (hedged_share, warn): 1 value outside it, e.g. 0.439"


def test_article_text_cannot_break_the_changelog_and_verify_takes_latest(tmp_path):
    import json

    home = tmp_path / "home"
    article = tmp_path / "one.jsonl"
    text = (SAMPLES / "01-harbour-strike.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    article.write_text(json.dumps({"text": text, "title": "Strike", "source": "<b>Daily</b> | Ledger"}) + "\n",
                       encoding="utf-8")
    assert claims(home, "run", "--input", str(article), "--partition", "2026-11-24").returncode == 0
    changelog = (Paths(home).latest_release / "CHANGELOG.md").read_text(encoding="utf-8")
    row = next(line for line in changelog.splitlines() if "Ledger" in line)
    assert row.startswith("| &lt;b&gt;Daily&lt;/b&gt; \\| Ledger |") and row.replace("\\|", "").count("|") == 6
    latest = claims(home, "verify", "latest")
    assert latest.returncode == 0 and "every file matches" in latest.stdout
