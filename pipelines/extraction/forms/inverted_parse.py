"""Inverted cue clause: 'Y, X said' and 'Y1, X said, Y2' where the parser hung the cue
clause under Y; the content is Y without the cue clause."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..quotes import QUOTE_CHARS
from ..spans import content_from_tokens
from ..syntax import cue_clause_start, interjected
from ..verb_cue import CUE_VERB, VerbCue, reading_form, verb_claim, verb_forms_after
from . import Example, Form


def inverted_shape(ctx: DocContext, cue: VerbCue) -> bool:
    """The cue clause hangs under its content, set off by punctuation, with nothing after."""
    t, subj = cue.token, cue.subject
    return cue.clausal and t.dep_ in ("parataxis", "ccomp", "advcl") and subj is not None \
        and (t.head.i < t.i or interjected(ctx, t)) \
        and t.head.pos_ in ("VERB", "AUX") and subj.i != t.head.i and inverted_ok(ctx, t, subj)


def inverted_ok(ctx: DocContext, t: Token, subj: Token) -> bool:
    """A cue clause hung under the content: '..., X said' with nothing else after."""
    doc = ctx.doc
    if t.lemma_.lower() not in lx.SPEECH_VERBS or t.tag_ in ("VBG", "VB", "VBN"):
        return False
    first = cue_clause_start(ctx, t, subj)
    if first == 0 or not (doc[first - 1].is_punct or doc[first - 1].text in QUOTE_CHARS):
        return False
    if t.right_edge.i - t.i > 6:
        return False
    for c in t.children:
        if c.dep_ in ("mark", "aux") and c.lower_ in ("to", "if", "because", "as", "when"):
            return False
        if c.i > t.i and c.dep_ not in ("punct", "advmod", "npadvmod", "prep", "nsubj"):
            return False
    return True


def build(ctx: DocContext, cue: VerbCue) -> Candidate | Rejected | None:
    """The clause the cue clause hangs under, without the cue clause."""
    t = cue.token
    head = t.head
    seg_s, seg_e = cue.segment
    excl = [(cue_clause_start(ctx, t, cue.subject), t.right_edge.i + 1)]
    content = content_from_tokens(ctx, max(head.left_edge.i, seg_s), min(head.right_edge.i + 1, seg_e),
                                  t.i, excl)
    return verb_claim(ctx, cue, FORM.name, content, cue.confidence(FORM.confidence))


FORM = Form(
    name="inverted_parse", summary="Y, X said (the cue clause parsed under Y)", trigger=CUE_VERB,
    extract=reading_form("inverted_parse", build), confidence=0.8, outranks=verb_forms_after("inverted_parse"),
    extracts=(Example("The plan, the mayor said, will cost millions.", "said", "the mayor",
                      "The plan … will cost millions"),),
)
