"""Document as source: 'In a new poll, X leads by ten points' (the poll is the source, 'in'
the cue). Deferred: it gives way to any claim another form found on the same verb."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..arbitration import Candidates
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from ..syntax import governing_verb
from . import Example, Form, Trigger

TRIGGER = Trigger("in", patterns=[[{"LOWER": "in", "DEP": "prep"}]])


def extract(ctx: DocContext, t: Token, found: Candidates) -> Candidate | None:
    """The clause the "in" phrase modifies, without it; the poll or report as source."""
    pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in lx.EVIDENCE_NOUNS or pobj.tag_ != "NN":
        return None
    # a particular poll or report ("a new Fox poll"), not "in the polls"
    if not any(c.dep_ in ("compound", "amod", "nmod", "poss", "acl", "npadvmod") for c in pobj.children):
        return None
    head = governing_verb(t)
    if head.pos_ not in ("VERB", "AUX") or found.holds(head.i):
        return None
    if head.lemma_.lower() in lx.ANY_CUE_VERBS or any(
            c.dep_ == "prep" and c.lower_ == "according" for c in head.children):
        return None
    seg_s, seg_e = ctx.seg_range(t.i)
    src = noun_phrase(ctx, pobj)
    content = content_from_tokens(ctx, max(head.left_edge.i, seg_s), min(head.right_edge.i + 1, seg_e),
                                  t.i, [(t.i, max(src[1], t.i + 1))])
    if not content:
        return None
    return Candidate(cue=[(t.i, t.i + 1)], anchor=t.i, content=content, source=src,
                     source_head=pobj.i, form=FORM.name, confidence=FORM.confidence, lemma="in")


FORM = Form(
    name="in_document", summary="In a new poll, Y", trigger=TRIGGER, extract=extract, confidence=0.6,
    deferred=True,
    extracts=(Example("In a new Gallup poll, the governor leads by ten points.", "In", "a new Gallup poll",
                      "the governor leads by ten points"),),
    ignores=(Example("In the polls, the governor leads.", "In"),),
)
