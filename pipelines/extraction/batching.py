"""Batches for the parser: sized by padded characters, not only by document count."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import spacy

from .document import extract_document
from .records import DocumentExtraction

Item = tuple[str, str, "date | None"]


def size_batches(items: Iterable[Item], max_docs: int, max_padded_chars: int) -> Iterator[list[Item]]:
    """Batches of at most `max_docs` documents whose padded size (longest text times the
    number of texts) stays within `max_padded_chars`.

    The parser pads a batch to its longest document, so its memory follows that product,
    not the number of documents: one 40,000-character article in a batch of 64 costs over
    a gigabyte. Bounding the product keeps peak memory flat however long the articles are
    (a single longer document gets a batch of its own); the parse is no slower.
    """
    batch: list[Item] = []
    longest = 0
    for item in items:
        size = len(item[1])
        if batch and (len(batch) >= max_docs or max(longest, size) * (len(batch) + 1) > max_padded_chars):
            yield batch
            batch, longest = [], 0
        batch.append(item)
        longest = max(longest, size)
    if batch:
        yield batch


def extract_batch(nlp: spacy.Language, batch: list[Item]) -> list[DocumentExtraction]:
    """Parse one batch with nlp.pipe and extract every Doc as it comes."""
    docs = nlp.pipe(((text, (doc_id, published)) for doc_id, text, published in batch),
                    as_tuples=True, batch_size=len(batch))
    return [extract_document(doc, doc_id, published) for doc, (doc_id, published) in docs]
