"""Received stance: 'the plan drew criticism from X' (X criticised the plan), 'Obama has
faced criticism for Y' (an unnamed source criticised Obama for Y)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens
from ..syntax import (
    DEMONSTRATIVES,
    FIRST_SECOND_PERSON,
    is_actor,
    prep_object,
    time_phrase,
)
from ..verb_cue import VERB_FORMS
from . import Example, Form, Trigger

TRIGGER = Trigger("received_stance", dependency=True, patterns=[[
    {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "NOUN", "DEP": "dobj",
                                        "LEMMA": {"IN": sorted(lx.case_variants(lx.RECEIVED_STANCE_NOUNS))}}},
    {"LEFT_ID": "cue", "REL_OP": "<", "RIGHT_ID": "verb",
     "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(lx.case_variants(lx.RECEIVING_VERBS))}}},
]])


def extract(ctx: DocContext, noun: Token) -> Candidate | None:
    """The thing received as content (with the reason, if any); the actor after 'from' as source."""
    verb = noun.head
    if any(g.dep_ == "neg" for g in verb.children) or any(
            g.dep_ == "det" and g.lower_ == "no" for g in noun.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in FIRST_SECOND_PERSON or subj.lower_ in DEMONSTRATIVES and subj.lower_ != "it":
        return None  # "we faced criticism": the writer's side; "this drew praise"
    preps = [c for c in list(noun.rights) + list(verb.rights)
             if c.dep_ == "prep" and c.i > noun.i and prep_object(c) is not None]
    reason = next((c for c in preps if c.lower_ in ("for", "over", "about")
                   and not time_phrase(c)
                   and not any(g.lemma_.lower() == "reason" for g in c.subtree)),
                  None)  # not "for a number of reasons"
    source = next((c for c in preps if c.lower_ == "from" and is_actor(ctx, prep_object(c).i)),
                  None)  # not "from the start"
    if source is None and reason is None:
        return None
    content = content_from_tokens(ctx, subj.left_edge.i, subj.right_edge.i + 1, verb.i)
    if reason is not None:
        content += content_from_tokens(ctx, reason.i + 1, reason.right_edge.i + 1, verb.i)
    src, shead = None, -1
    if source is not None:
        pobj = prep_object(source)
        end = pobj.right_edge.i + 1
        if reason is not None and pobj.i < reason.i < end:
            end = reason.i  # "complaints from constituents about the delays"
        src, shead = (pobj.left_edge.i, end), pobj.i
    cue = [(verb.i, noun.i + 1)] if noun.i - verb.i <= 3 else [(verb.i, verb.i + 1), (noun.i, noun.i + 1)]
    return Candidate(cue=cue, anchor=noun.i, content=content, source=src, source_head=shead,
                     form=FORM.name, confidence=FORM.confidence, lemma=noun.lemma_.lower(), hedge=src is None)


FORM = Form(
    name="received_stance", summary="drew criticism from X; faced criticism for Y", trigger=TRIGGER,
    extract=extract, confidence=0.6, outranks=("relay", *VERB_FORMS),
    extracts=(Example("The plan drew sharp criticism from local farmers.", "drew sharp criticism",
                      "local farmers", "The plan"),
              Example("The mayor has faced criticism for the delays.", "faced criticism", None,
                      "The mayor … the delays")),
    ignores=(Example("The plan drew no criticism from anyone.", "drew no criticism"),
             Example("The show drew praise from the start.", "drew praise")),
)
