"""Hedge adverb: 'the minister reportedly resigned' (an implicit source: hedged, no source).
On a speech verb's claim the hedge joins that claim instead (arbitration.py)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens
from . import Example, Form, Trigger

TRIGGER = Trigger("hedge", patterns=[[{"LOWER": {"IN": sorted(lx.HEDGE_ADVERBS)}}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """The clause the adverb qualifies, subject included."""
    head = t.head if t.head.i != t.i else t
    if head.pos_ == "ADJ" and head.i != t.i and head.dep_ in ("amod", "compound"):
        return None  # "the allegedly moderate Democrats": a qualified description
    if ctx.quoted(t.i):
        return None  # a hedge inside someone's quotation is part of that quotation
    seg_s, seg_e = ctx.seg_range(t.i)
    if head.pos_ in ("VERB", "AUX"):
        # the whole clause, subject included
        cs, ce = head.left_edge.i, head.right_edge.i + 1
    else:
        cs, ce = seg_s, seg_e
    cs, ce = max(cs, seg_s), min(ce, seg_e)
    content = content_from_tokens(ctx, cs, ce, t.i)
    return Candidate(cue=[(t.i, t.i + 1)], anchor=t.i, content=content, form=FORM.name,
                     confidence=FORM.confidence, hedge=True, lemma=t.lower_)


FORM = Form(
    name="hedge", summary="reportedly / allegedly Y", trigger=TRIGGER, extract=extract, confidence=0.75,
    extracts=(Example("The minister reportedly resigned on Friday.", "reportedly", None,
                      "The minister reportedly resigned on Friday"),),
    ignores=(Example("The allegedly moderate members voted no.", "allegedly"),
             Example("'He allegedly took the money,' she said.", "allegedly")),
)
