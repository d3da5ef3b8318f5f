"""Claim extraction: spaCy parse in, records.py records out (pure Python, no Dagster).

Public API (imported by the pipeline):
    EXTRACTOR_VERSION, DEFAULT_MODEL, load_nlp, extract_document, extract_texts
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import spacy

from pipelines.settings import DEFAULT_MODEL

from .batching import extract_batch, size_batches
from .document import EXTRACTOR_VERSION, extract_document
from .parallel import extract_in_processes
from .records import DocumentExtraction

__all__ = [
    "DEFAULT_MODEL",
    "EXTRACTOR_VERSION",
    "extract_document",
    "extract_texts",
    "load_nlp",
]


def load_nlp(model_name: str = DEFAULT_MODEL) -> spacy.Language:
    """Load an installed spaCy pipeline by package name.

    The extractor needs the tagger, parser, attribute_ruler, lemmatizer and NER; nothing is
    disabled, so any English pipeline with those components works.
    """
    return spacy.load(model_name)


def extract_texts(
    nlp: spacy.Language,
    items: Iterable[tuple[str, str, date | None]],
    batch_size: int = 64,
    n_process: int = 1,
    batch_chars: int = 100_000,
) -> Iterator[DocumentExtraction]:
    """Stream (doc_id, text, published_at) items through nlp.pipe and extract each Doc.

    Docs are processed one at a time as nlp.pipe yields them (never all held at once), in
    batches cut by `size_batches`. With n_process > 1, forked workers parse and extract
    whole batches and return records (see parallel.py), in input order.
    """
    items = ((doc_id, text if isinstance(text, str) else ("" if text is None else str(text)), published_at)
             for doc_id, text, published_at in items)
    batches = size_batches(items, batch_size, batch_chars)
    if n_process > 1:
        yield from extract_in_processes(nlp, batches, n_process)
        return
    for batch in batches:
        yield from extract_batch(nlp, batch)
