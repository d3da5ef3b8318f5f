"""Parse and extract in worker processes, which send back records instead of Docs.

spaCy's own `n_process` returns every parsed Doc to the parent (serialised), and the
extraction then runs in the parent alone: both cost the parent time that does not shrink
with more workers. Here each worker runs `nlp.pipe` and the extraction on a batch of
documents and returns the small records, so the parent only writes them out.

Workers are forked, so they share the already-loaded pipeline instead of loading it again.
At most two batches per worker are in flight, so the input is still streamed. A worker that
dies (killed, out of memory, a crash in native code) fails the run with BrokenProcessPool
instead of leaving it waiting for a batch that will never come.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

import spacy

from .batching import Item, extract_batch
from .records import DocumentExtraction

_worker_nlp: spacy.Language | None = None


def _initialise(nlp: spacy.Language) -> None:
    """Keep the parsed model, and die on SIGTERM: a forked worker inherits the parent's
    SIGTERM handler (Dagster's, pytest's), which does not end a worker blocked on the result
    queue's lock that a killed sibling held, so the pool could not terminate it and the run
    hung instead of failing."""
    global _worker_nlp
    _worker_nlp = nlp
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _extract_in_worker(batch: list[Item]) -> list[DocumentExtraction]:
    assert _worker_nlp is not None, "worker not initialised"
    return extract_batch(_worker_nlp, batch)


def extract_in_processes(
    nlp: spacy.Language, batches: Iterable[list[Item]], n_process: int
) -> Iterator[DocumentExtraction]:
    """The extractions of `batches`, in input order, computed by `n_process` forked workers."""
    with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                             initializer=_initialise, initargs=(nlp,)) as pool:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.submit(_extract_in_worker, batch))
            if len(in_flight) >= 2 * n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
