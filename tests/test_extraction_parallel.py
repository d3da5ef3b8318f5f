"""n_process > 1: the same records as one process, and a killed worker fails the run, never hangs it."""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures.process import BrokenProcessPool

import psutil
import pytest

from pipelines.extraction import extract_texts
from pipelines.extraction.batching import size_batches
from pipelines.extraction.parallel import extract_in_processes

SENTENCES = [
    "The mayor said on Monday that the bridge would reopen in May.",
    "“We will not give up,” the union leader told reporters.",
    "According to the ministry, exports fell by 4 percent last year.",
    "Shares rose sharply after the announcement.",
]
ITEMS = [(f"d{i}", " ".join(SENTENCES[i % 4:] + SENTENCES[:i % 4]), None) for i in range(40)]


def test_workers_give_the_same_claims_in_the_same_order(nlp):
    single = [[c.claim_id for c in e.claims] for e in extract_texts(nlp, ITEMS, batch_size=8, n_process=1)]
    parallel = [[c.claim_id for c in e.claims] for e in extract_texts(nlp, ITEMS, batch_size=8, n_process=2)]
    assert parallel == single and sum(map(len, single)) >= 60


def test_a_killed_worker_fails_the_run_instead_of_hanging(nlp):
    many = ITEMS * 50
    older = {child.pid for child in psutil.Process().children()}  # e.g. multiprocessing's resource tracker

    def kill_a_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = [child for child in psutil.Process().children() if child.pid not in older]
            if workers:
                time.sleep(1)
                os.kill(workers[0].pid, signal.SIGKILL)
                return
            time.sleep(0.1)

    killer = threading.Thread(target=kill_a_worker)
    killer.start()
    started = time.monotonic()
    with pytest.raises(BrokenProcessPool):
        for _ in extract_in_processes(nlp, size_batches(many, 4, 100_000), n_process=2):
            pass
    killer.join()
    assert time.monotonic() - started < 120
