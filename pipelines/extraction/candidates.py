"""A candidate claim as a form finds it: token ranges, not yet trimmed or resolved."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Candidate:
    cue: list[tuple[int, int]]  # token ranges [s, e)
    anchor: int  # the cue token the candidate is filed under
    content: list[tuple[int, int]]  # char spans (pre-trim)
    form: str  # the name of the form that found it
    confidence: float
    lemma: str = ""
    source: tuple[int, int] | None = None  # token range
    source_head: int = -1
    via: tuple[int, int] | None = None
    via_head: int = -1
    hedge: bool = False
    content_quote: bool = False  # content taken from a quotation


class Rejected:
    """A form recognised its shape and found that the token is no cue here: no later
    form is tried on it."""

    def __repr__(self) -> str:
        return "REJECTED"


REJECTED = Rejected()
