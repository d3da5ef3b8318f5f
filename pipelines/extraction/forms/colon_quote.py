"""Colon quote: 'the minister told the crowd: “…”' or 'X said: Y', a speech verb whose
content follows a colon after the cue clause."""

from __future__ import annotations

from spacy.tokens import Token

from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..quotations import adjacent_quote, quote_for
from ..spans import content_from_tokens
from ..syntax import cue_clause_extent
from ..verb_cue import CUE_VERB, verb_claim, verb_cue, verb_forms_after
from . import Example, Form


def extract(ctx: DocContext, t: Token) -> Candidate | Rejected | None:
    """What follows the colon after the cue clause: the quotation there, or the rest of the segment."""
    cue = verb_cue(ctx, t)
    if cue is None or not cue.is_speech:
        return None
    first, _, k = cue_clause_extent(t, cue.subject)
    if k >= len(ctx.doc) or ctx.doc[k].text != ":":
        return None
    quoted = adjacent_quote(ctx, first, k)
    content = quoted or content_from_tokens(ctx, k + 1, cue.segment[1], t.i)
    if not quoted and cue.complement is not None:
        quoted = quote_for(ctx, content)  # a complement parsed inside the quotation
        content = quoted or content
    return verb_claim(ctx, cue, FORM.name, content, cue.fallback_confidence(FORM.confidence),
                      content_quote=bool(quoted), quotes_the_asked=True)


FORM = Form(
    name="colon_quote", summary="X told the crowd: “Y”", trigger=CUE_VERB, extract=extract,
    confidence=0.85, outranks=verb_forms_after("colon_quote"),
    extracts=(Example("The mayor said on Monday: “No.”", "said", "The mayor", "“No.”"),),
)
