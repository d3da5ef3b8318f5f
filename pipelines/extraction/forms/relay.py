"""Relay: 'the paper quoted Z as saying Y', 'X cited officials as saying Y': source Z, via X,
cue 'quoted … as saying'."""

from __future__ import annotations

from spacy.tokens import Token

from ..candidates import Candidate
from ..context import DocContext
from ..quotations import adjacent_quote
from ..spans import content_from_tokens, cue_ranges, noun_phrase
from ..syntax import SAYING_FORMS
from ..verb_cue import VERB_FORMS
from . import Example, Form, Trigger

RELAY_FORMS = ("quoted", "quotes", "quoting", "quote", "cited", "cites", "citing", "cite")
TRIGGER = Trigger("relay", patterns=[[{"LOWER": {"IN": list(RELAY_FORMS)}}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """'X quoted/cited Z as saying Y': source Z, via X, cue 'quoted … as saying'."""
    doc = ctx.doc
    seg_s, seg_e = ctx.seg_range(t.i)
    as_i = -1
    for k in range(t.i + 1, min(seg_e - 1, t.i + 25)):
        if doc[k].lower_ == "as" and doc[k + 1].tag_ == "VBG" or (
            doc[k].lower_ == "as" and doc[k + 1].lower_ in SAYING_FORMS
        ):
            as_i = k
            break
    if as_i < 0 or as_i == t.i + 1:
        return None
    vbg = doc[as_i + 1]
    # source: tokens between relay verb and "as"
    src = (t.i + 1, as_i)
    # via: the subject of the relay verb, else the noun phrase right before it
    via = None
    via_head = -1
    subj = next((c for c in t.children if c.dep_ in ("nsubj",)), None)
    if subj is not None:
        via = noun_phrase(ctx, subj)
        via_head = subj.i
    else:
        k = t.i - 1
        while k >= seg_s and doc[k].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") and not doc[k].is_punct:
            k -= 1
        if k + 1 < t.i:
            via = (k + 1, t.i)
            via_head = t.i - 1
    # source head: a name inside, else the last noun before "as"
    shead = -1
    for k in range(as_i - 1, t.i, -1):
        if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
            shead = k
            break
    if shead < 0:
        return None
    # content: after the -ing verb (and "that") to the end of the sentence
    content = content_from_tokens(ctx, as_i + 2, seg_e, t.i)
    if not content:
        return None
    cq = adjacent_quote(ctx, as_i, as_i + 1)
    cand = Candidate(cue=cue_ranges(t)[:1] + [(as_i, as_i + 2)], anchor=t.i, content=content,
                     source=src, source_head=shead, via=via, via_head=via_head, form=FORM.name,
                     confidence=FORM.confidence, lemma=f"{t.lemma_.lower()} as {vbg.lemma_.lower()}")
    if cq and content and ctx.quotes.containing(*content[0]) >= 0:
        cand.content = cq
        cand.content_quote = True
    return cand


FORM = Form(
    name="relay", summary="X quoted / cited Z as saying Y", trigger=TRIGGER, extract=extract,
    confidence=0.9, outranks=VERB_FORMS,
    extracts=(Example("The Gazette quoted a senior official as saying the talks had failed.",
                      "quoted … as saying", "a senior official", "the talks had failed"),),
    ignores=(Example("She quoted Shakespeare at length.", "quoted"),),
)
