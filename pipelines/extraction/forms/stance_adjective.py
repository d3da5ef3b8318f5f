"""Stance adjective: 'X is eager to run', 'X was critical of the deal', 'X is confident that
Y', a position the article reports its holder takes (the spec's belief and intention when a
source holds a stated position)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..plausibility import generic_or_question, in_own_question
from ..spans import content_from_tokens, noun_phrase
from ..syntax import (
    REL_PRONOUNS,
    is_actor,
    prep_object,
    subject_of,
    subject_or_antecedent,
    wh_clause,
)
from . import Example, Form, Trigger

TRIGGER = Trigger("stance_adjective", patterns=[[{
    "POS": "ADJ", "DEP": "acomp", "LEMMA": {"IN": sorted(lx.case_variants(lx.STANCE_ADJECTIVES))}}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """'X is eager to run', 'X was critical of the deal', 'X is confident that Y': a
    position the article reports its holder takes (PolNeAR counts these; the spec's
    'belief and intention … when a source holds a stated position')."""
    doc = ctx.doc
    verb = t.head
    adjective = t.lemma_.lower()
    if verb.lemma_.lower() not in lx.COPULAS:
        return None  # "make sure they vote"
    subj = subject_of(verb)
    if subj is None or subj.i > verb.i or subj.lower_ in ("it", "this", "you", "one"):
        return None  # "it is clear that", "you should be wary of": no holder
    if not ctx.quoted(t.i) and (subj.lower_ in ("i", "we") or in_own_question(ctx, t)):
        return None  # the writer's own stance or question
    if any(c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children) \
            or any(c.dep_ == "neg" for c in t.children) \
            or any(c.dep_ in ("det", "amod") and c.lower_ in ("few", "no") for c in subj.children):
        return None  # "may be reluctant", "are not sure", "few experts are sure": no position taken
    holder = subject_or_antecedent(verb)  # "the senators, who are wary of Y": written "who"
    if holder.lower_ in REL_PRONOUNS or not is_actor(ctx, holder.i):
        return None
    cue_end = t.i + 1
    comp = None
    preps = lx.STANCE_ADJECTIVE_PREPS.get(adjective, lx.STANCE_PREPS)
    for c in t.rights:
        if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            if adjective in lx.NO_INFINITIVE_ADJECTIVES:
                return None  # "they are sure to win", "happy to respond"
            comp = c
            break
        if c.dep_ == "ccomp" and not wh_clause(c):
            comp = c
            break
        if c.dep_ == "prep" and c.lower_ in preps and c.i == t.i + 1 \
                and prep_object(c) is not None:
            comp, cue_end = c, c.i + 1
            break
    if comp is None:
        return None
    cs = cue_end if comp.dep_ == "prep" else comp.left_edge.i
    content = content_from_tokens(ctx, cs, comp.right_edge.i + 1, t.i)
    if not content or generic_or_question(ctx, verb, subj):
        return None
    if verb.i > t.i:
        cue = [(t.i, cue_end)]
    elif any(doc[k].is_punct for k in range(verb.i + 1, t.i)):
        cue = [(verb.i, verb.i + 1), (t.i, cue_end)]  # "was, as ever, critical of"
    else:
        cue = [(verb.i, cue_end)]
    return Candidate(cue=cue, anchor=t.i, content=content, source=noun_phrase(ctx, subj), source_head=holder.i,
                     form=FORM.name, confidence=FORM.confidence, lemma=adjective)


FORM = Form(
    name="stance_adjective", summary="X is eager to / critical of / confident that Y", trigger=TRIGGER,
    extract=extract, confidence=0.5,
    extracts=(Example("The senators were critical of the deal.", "were critical of", "The senators",
                      "the deal"),),
    ignores=(Example("It is clear that the plan failed.", "clear"),
             Example("Few experts are sure that the plan will work.", "sure")),
)
