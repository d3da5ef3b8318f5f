"""Plain records the extractor emits: one row each of the spec's tables.

The extractor is pure Python (text in, records out); the pipeline turns lists of these
into Arrow tables, so field names here are the warehouse column names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

# A span is a list of [start, end) character fragments into the document text; most spans
# have one fragment, discontinuous ones ("quoted … as saying") have several.
Spans = list[tuple[int, int]]

FRAGMENT_JOINER = " … "

SOURCE_KINDS = ("person", "organization", "government", "group", "anonymous", "document", "none")
QUOTE_TYPES = ("direct", "mixed", "indirect")
ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
)


def stable_id(prefix: str, *parts: object) -> str:
    """A short, deterministic id: the same inputs give the same id on every run and machine."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


def entity_id(canonical_name: str, label: str) -> str:
    """Entities are identified by canonical name and label, across documents and runs."""
    return stable_id("ent", canonical_name.casefold(), label)


def spans_text(text: str, spans: Spans) -> str:
    """The text a span denotes: its fragments joined with an ellipsis."""
    return FRAGMENT_JOINER.join(text[start:end] for start, end in spans)


@dataclass(frozen=True)
class Mention:
    mention_id: str
    doc_id: str
    entity_id: str
    start: int
    end: int
    text: str
    label: str
    sentence_index: int


@dataclass(frozen=True)
class Entity:
    """One canonical entity as seen in one document; the warehouse aggregates counts."""

    entity_id: str
    canonical_name: str
    label: str


@dataclass
class Claim:
    claim_id: str
    doc_id: str
    sentence_index: int
    cue_text: str
    cue_lemma: str
    cue_spans: Spans
    source_text: str | None
    source_spans: Spans
    source_entity_id: str | None
    source_entity: str | None
    source_kind: str
    via_text: str | None
    via_spans: Spans
    via_entity_id: str | None
    via_entity: str | None
    content_text: str
    content_spans: Spans
    quote_type: str
    hedged: bool
    time_text: str | None
    time_spans: Spans
    claim_date: date | None
    has_number: bool
    confidence: float
    extractor_version: str
    source_role: str | None = None
    mention_ids: list[str] = field(default_factory=list)


@dataclass
class DocumentExtraction:
    doc_id: str
    mentions: list[Mention]
    entities: list[Entity]
    claims: list[Claim]
