"""Progress of a long extraction: log lines at the set interval and at the end, a terminal bar."""

from __future__ import annotations

import io

from rich.console import Console

from pipelines import progress


def test_a_line_every_n_documents_and_one_at_the_end():
    lines: list[str] = []
    assert list(progress.tracked(range(600), 600, lines.append, every=250, terminal=False)) == list(range(600))
    assert [line.split(" (")[0] for line in lines] == [
        "extracted 250/600 documents", "extracted 500/600 documents", "extracted 600/600 documents"]
    assert "left)" in lines[0] and "left" not in lines[-1]


def test_nothing_to_do_logs_nothing():
    lines: list[str] = []
    assert list(progress.tracked([], 0, lines.append, terminal=False)) == []
    assert lines == []


def test_progress_line_says_rate_and_time_left():
    assert progress.progress_line(500, 2000, 50.0) == "extracted 500/2,000 documents (10.0/s, about 2 min 30 s left)"


def test_the_terminal_bar_draws_and_goes(monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr("rich.progress.get_console", lambda: Console(file=screen, force_terminal=True, width=100))
    lines: list[str] = []
    assert len(list(progress.tracked(range(10), 10, lines.append, terminal=True))) == 10
    assert "extracting" in screen.getvalue() and "docs/s" in screen.getvalue()
    assert lines == [lines[-1]] and lines[-1].startswith("extracted 10/10")
