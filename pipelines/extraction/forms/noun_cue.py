"""Noun cue: 'Trump's claim that Y', 'the mayor's hope that Y' (a stance noun with its holder
as possessive and a that-clause as content). A prepositional content ('her criticism of
Y') is annotated too inconsistently in the gold to pay off, so only that-clauses count."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from ..verb_cue import VERB_FORMS
from . import Example, Form, Trigger

TRIGGER = Trigger("noun_cue", dependency=True, patterns=[[
    {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "NOUN", "LEMMA": {"IN": sorted(lx.case_variants(lx.STANCE_NOUNS))}}},
    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "holder", "RIGHT_ATTRS": {"DEP": "poss"}},
]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """The that-clause of the noun as content, its possessor as source."""
    poss = next(c for c in t.children if c.dep_ == "poss")
    clause = next((c for c in t.rights if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")
                   and next((m.lower_ for m in c.children if m.dep_ == "mark"), None) == "that"), None)
    if clause is None:
        return None
    content = content_from_tokens(ctx, clause.left_edge.i, clause.right_edge.i + 1, t.i)
    if not content:
        return None
    src = noun_phrase(ctx, poss)
    # the possessive marker is not part of the source
    if src[1] - src[0] > 1 and ctx.doc[src[1] - 1].dep_ == "case":
        src = (src[0], src[1] - 1)
    return Candidate(cue=[(t.i, t.i + 1)], anchor=t.i, content=content, source=src, source_head=poss.i,
                     form=FORM.name, confidence=FORM.confidence, lemma=t.lemma_.lower())


FORM = Form(
    name="noun_cue", summary="X's claim / hope / fear that Y", trigger=TRIGGER, extract=extract,
    confidence=0.55, outranks=("received_stance", "relay", *VERB_FORMS),
    extracts=(Example("The mayor's hope that the bridge would reopen was dashed.", "hope",
                      "The mayor", "the bridge would reopen"),),
    ignores=(Example("Her claim, which she repeated, was rejected.", "claim"),),
)
