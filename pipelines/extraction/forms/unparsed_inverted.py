"""Unparsed inverted quote: 'Y, X said.' and 'Y1, X said, Y2' when the parser gave the verb
no complement and hung Y elsewhere (a separate clause, or under a noun taken as the root)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..quotes import QUOTE_CHARS
from ..spans import content_from_tokens
from ..syntax import cue_clause_start
from ..verb_cue import CUE_VERB, verb_claim, verb_cue
from . import Example, Form

# Verbs that make a stretch of text a claim of its own ("…,” said X", "Asked whether …").
OWN_CLAIM_VERBS = lx.CORE_REPORTING_VERBS | {"ask"}


def content_around_cue_clause(ctx: DocContext, t: Token, subj: Token) -> list[tuple[int, int]]:
    """'Y, X said.' and 'Y1, X said, Y2' when the parser gave the verb no complement
    and hung Y elsewhere (a separate clause, or under a noun taken as the root).

    The cue clause (subject, verb and the verb's own adjuncts) must end the sentence
    or be set off by commas inside it, and Y must hold a clause with its own subject:
    "In 2010, he said." is not a claim.
    """
    doc = ctx.doc
    if t.lemma_.lower() not in lx.CORE_REPORTING_VERBS or t.tag_ in ("VBG", "VB", "VBN") \
            or t.dep_ not in ("ROOT", "parataxis"):
        return []  # not "…, who hails from Ohio, said", "when it reported, in 2012, on …"
    if any(c.dep_ in ("dobj", "attr", "xcomp", "ccomp", "mark") for c in t.children):
        return []
    sent = t.sent
    seg_s, seg_e = ctx.seg_range(t.i)
    start, end = max(sent.start, seg_s), min(sent.end, seg_e)
    first = cue_clause_start(ctx, t, subj)
    if first <= start or doc[first - 1].text != "," and doc[first - 1].text not in QUOTE_CHARS:
        return []
    last = max(t.i, subj.right_edge.i)
    for c in t.rights:  # adjuncts: "said on Monday", "said in an interview"
        if c.i > last and c.dep_ in ("advmod", "npadvmod", "prep") and c.left_edge.i == last + 1:
            last = c.right_edge.i
    nxt = last + 1
    while nxt < end and doc[nxt].text in QUOTE_CHARS:
        nxt += 1
    if nxt < end and doc[nxt].text in (".", "!", "?") or nxt >= end:
        pieces = [(start, first)]  # 'Y, X said.'
    elif doc[nxt].text == "," and nxt + 1 < end:
        pieces = [(start, first), (nxt + 1, end)]  # 'Y1, X said, Y2'
    else:
        return []
    clause = range(first, last + 1)
    inside = [k for ps, pe in pieces for k in range(ps, pe)]
    if any(doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in OWN_CLAIM_VERBS for k in inside):
        return []  # Y holds a claim of its own ("“…,” said X, the Examiner reports")
    if not any(doc[k].pos_ in ("VERB", "AUX") and doc[k].head.i not in clause
               and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in doc[k].children)
               for k in inside):
        return []
    out: list[tuple[int, int]] = []
    for ps, pe in pieces:
        out += content_from_tokens(ctx, ps, pe, t.i)
    return out


def extract(ctx: DocContext, t: Token) -> Candidate | Rejected | None:
    """The sentence around the cue clause as content, when the parser gave the verb no complement."""
    cue = verb_cue(ctx, t)
    if cue is None or not cue.is_speech or cue.subject is None or cue.complement is not None:
        return None
    return verb_claim(ctx, cue, FORM.name, content_around_cue_clause(ctx, t, cue.subject),
                      cue.fallback_confidence(FORM.confidence))


FORM = Form(
    name="unparsed_inverted", summary="Y, X said (no complement parsed)", trigger=CUE_VERB,
    extract=extract, confidence=0.75,
    extracts=(Example("The ages of the people who were hurt in the fire range from 20 to 60, the chief said.",
                      "said", "the chief", "The ages of the people who were hurt in the fire range from 20 to 60"),),
    ignores=(Example("In 2010, he said.", "said"),),
)
