"""Progress of a long extraction: a bar on a terminal, a log line every few hundred documents.

A 2,000-article night parses for about seven minutes; without this it is seven silent
minutes in the terminal and in the Dagster run log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
LOG_EVERY = 250  # documents between two log lines


def _eta(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def progress_line(done: int, total: int, elapsed: float) -> str:
    """'extracted 500/2,000 documents (11.2/s, about 2 min 14 s left)'."""
    rate = done / elapsed if elapsed > 0 else 0.0
    left = f", about {_eta((total - done) / rate)} left" if rate and done < total else ""
    return f"extracted {done:,}/{total:,} documents ({rate:.1f}/s{left})"


def tracked(items: Iterable[Item], total: int, log: Callable[[str], None],
            every: int = LOG_EVERY, terminal: bool | None = None) -> Iterator[Item]:
    """Yield `items`, logging a progress line every `every` items and at the end, and
    drawing a progress bar (documents, documents/s, ETA) when stderr is a terminal."""
    terminal = sys.stderr.isatty() if terminal is None else terminal
    bar = _terminal_bar(total) if terminal and total else None
    started = time.perf_counter()
    done = 0
    try:
        for item in items:
            yield item
            done += 1
            if bar is not None:
                bar[0].update(bar[1], completed=done)
            if done % every == 0 and done < total:
                log(progress_line(done, total, time.perf_counter() - started))
    finally:
        if bar is not None:
            bar[0].stop()
    if done:
        log(progress_line(done, total, time.perf_counter() - started))


def _terminal_bar(total: int):
    """A rich progress bar: documents done of total, documents per second, time left."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed or 0:.1f} docs/s")

    progress = Progress("extracting", BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn(),
                        transient=True)
    task = progress.add_task("extract", total=total)
    progress.start()
    return progress, task
