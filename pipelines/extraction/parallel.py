"""Parse and extract in worker processes, which send back records instead of Docs.

spaCy's own `n_process` returns every parsed Doc to the parent (serialised), and the
extraction then runs in the parent alone: both cost the parent time that does not shrink
with more workers. Here each worker runs `nlp.pipe` and the extraction on a chunk of
documents and returns the small records, so the parent only writes them out.

Workers are forked, so they share the already-loaded pipeline instead of loading it again.
At most two chunks per worker are in flight, so the input is still streamed. A worker that
dies (killed, out of memory, a crash in native code) fails the run with BrokenProcessPool
instead of leaving it waiting for a chunk that will never come.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from itertools import islice

import spacy

from .document import extract_document
from .records import DocumentExtraction

Item = tuple[str, str, "date | None"]
_worker_nlp: spacy.Language | None = None


def _initialise(nlp: spacy.Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_chunk(chunk: list[Item]) -> list[DocumentExtraction]:
    assert _worker_nlp is not None, "worker not initialised"
    docs = _worker_nlp.pipe(((text, (doc_id, published)) for doc_id, text, published in chunk),
                            as_tuples=True, batch_size=len(chunk))
    return [extract_document(doc, doc_id, published) for doc, (doc_id, published) in docs]


def extract_in_processes(
    nlp: spacy.Language, items: Iterable[Item], batch_size: int, n_process: int
) -> Iterator[DocumentExtraction]:
    """The extractions of `items`, in input order, computed by `n_process` forked workers."""
    iterator = iter(items)
    with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                             initializer=_initialise, initargs=(nlp,)) as pool:
        in_flight: deque = deque()
        while chunk := list(islice(iterator, batch_size)):
            in_flight.append(pool.submit(_extract_chunk, chunk))
            if len(in_flight) >= 2 * n_process:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
