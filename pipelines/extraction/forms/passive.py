"""Passive cue with a complement: 'X is expected to win', 'X was seen as a threat by Y'
(the agent, if any, is the source); also a relative 'which is expected to Y'."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..spans import content_from_tokens
from ..syntax import REL_PRONOUNS, adverbial_as
from ..verb_cue import CUE_VERB, VerbCue, reading_form, verb_claim, verb_forms_after
from . import Example, Form


def passive_content(ctx: DocContext, t: Token) -> list[tuple[int, int]] | None:
    """Passive cue with a complement: content = the subject plus the complement
    ('X is expected to win'); also 'X seems/appears to Y' (an implicit observer)."""
    raising = t.lemma_.lower() in lx.RAISING_VERBS
    if raising:
        if t.dep_ in ("amod", "acl", "relcl", "xcomp", "ccomp", "advcl"):
            return None
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    elif t.tag_ != "VBN" or t.dep_ in ("amod", "acl"):
        return None
    else:
        subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    if t.dep_ == "relcl" and (subj is None or subj.lower_ not in REL_PRONOUNS
                              or t.lemma_.lower() not in lx.RELATIVE_PASSIVE_CUES):
        return None  # "which is expected to", not "who is known as", "that had been discussed"
    if t.lemma_.lower() in lx.LITERAL_AS_VERBS:
        return None  # "votes were cast as of Tuesday", "the walls were painted"
    if subj is None or subj.lower_ == "it" or subj.i > t.i \
            or t.dep_ != "relcl" and subj.lower_ in REL_PRONOUNS \
            or t.lemma_.lower() in ("suppose", "require", "allow", "force"):
        return None
    comp = None
    for c in t.rights:
        if raising and c.dep_ in ("acomp", "attr"):
            comp = c
            break
        if c.dep_ in ("xcomp", "oprd") and (c.dep_ == "oprd" or any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            comp = c
            break
        if c.dep_ == "prep" and c.lower_ == "as" and not adverbial_as(c):
            comp = c
            break
        if c.dep_ in ("punct", "cc", "conj", "advcl"):
            break
    if comp is None:
        return None
    if comp.dep_ == "xcomp" and comp.lemma_.lower() in lx.NO_CONTENT_VERBS:
        return None
    ss, se = subj.left_edge.i, subj.right_edge.i + 1
    cs, ce = comp.left_edge.i, comp.right_edge.i + 1
    if t.dep_ == "relcl" and ss > 0 and ctx.doc[ss - 1].text == ",":
        # ", which is expected to Y, opens …": the clause ends at the comma before the
        # main clause's verb (the parser may hang that verb inside it)
        ce = next((k for k in range(cs, ce - 1) if ctx.doc[k].text == ","
                   and ctx.doc[k + 1].tag_ in ("VBZ", "VBD", "VBP", "MD")), ce)
    out = content_from_tokens(ctx, ss, se, t.i) + content_from_tokens(ctx, cs, ce, t.i)
    return out or None


def build(ctx: DocContext, cue: VerbCue) -> Candidate | Rejected | None:
    """The subject and the complement as content, the agent (if any) as source."""
    t = cue.token
    return verb_claim(ctx, cue, FORM.name, passive_content(ctx, t), cue.confidence(FORM.confidence),
                      agent_is_source=True)


FORM = Form(
    name="passive", summary="X is expected / said to Y", trigger=CUE_VERB,
    extract=reading_form("passive", build),
    confidence=0.75, outranks=verb_forms_after("passive"),
    extracts=(Example("The senator is expected to announce her retirement.", "is expected", None,
                      "The senator … to announce her retirement"),),
    ignores=(Example("The votes were cast as of Tuesday.", "were cast"),),
)
