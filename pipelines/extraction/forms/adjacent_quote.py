"""Adjacent quotation: '“…,” she said' and 'he said, “…”', a speech verb with a subject and a
quotation right before or after its cue clause."""

from __future__ import annotations

from spacy.tokens import Token

from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..quotations import adjacent_quote
from ..syntax import cue_clause_extent
from ..verb_cue import CUE_VERB, verb_claim, verb_cue, verb_forms_after
from . import Example, Form


def extract(ctx: DocContext, t: Token) -> Candidate | Rejected | None:
    """The quotation right before or after the cue clause of a speech verb with a subject."""
    cue = verb_cue(ctx, t)
    if cue is None or not cue.is_speech or cue.subject is None:
        return None
    first, last, k = cue_clause_extent(t, cue.subject)
    if k < len(ctx.doc) and ctx.doc[k].text == ":":
        return None  # the colon form's
    quoted = adjacent_quote(ctx, first, max(last, k - 1))
    if not quoted:
        return None
    return verb_claim(ctx, cue, FORM.name, quoted, cue.fallback_confidence(FORM.confidence),
                      content_quote=True, quotes_the_asked=True)


FORM = Form(
    name="adjacent_quote", summary="“Y,” X said; X said, “Y”", trigger=CUE_VERB, extract=extract,
    confidence=0.85, outranks=verb_forms_after("adjacent_quote"),
    extracts=(Example("“Never again.” the mayor said.", "said", "the mayor", "“Never again.”"),),
    ignores=(Example("“We will rebuild,” she told reporters, when asked about the pier.", "asked"),),
)
