"""According to: 'According to the agency, Y', 'Y, according to X'. The source is the
object of 'to'; the content is the clause the phrase modifies, without the phrase."""

from __future__ import annotations

from spacy.tokens import Token

from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from ..syntax import governing_verb
from . import Example, Form, Trigger

TRIGGER = Trigger("according", patterns=[[{"LOWER": "according"}, {"LOWER": "to"}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """The object of "to" as source; the clause the phrase modifies, without it, as content."""
    to = ctx.doc[t.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = noun_phrase(ctx, pobj)
    head = governing_verb(t)
    seg_s, seg_e = ctx.seg_range(t.i)
    if head.i == t.i:
        cs, ce = seg_s, seg_e
    else:
        cs, ce = head.left_edge.i, head.right_edge.i + 1
    cs, ce = max(cs, seg_s), min(ce, seg_e)
    excl = [(t.i, max(src[1], to.i + 1))]
    content = content_from_tokens(ctx, cs, ce, t.i, excl)
    return Candidate(cue=[(t.i, t.i + 2)], anchor=t.i, content=content, source=src,
                     source_head=pobj.i, form=FORM.name, confidence=FORM.confidence, lemma="according to")


FORM = Form(
    name="according", summary="according to X, Y", trigger=TRIGGER, extract=extract, confidence=0.9,
    extracts=(Example("According to the agency, exports fell by a third last year.", "According to",
                      "the agency", "exports fell by a third last year"),
              Example("Exports fell sharply, according to official figures.", "according to",
                      "official figures", "Exports fell sharply")),
)
