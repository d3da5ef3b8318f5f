"""As-clause: 'As NPR reported, Y', 'Y, as one economist put it': a speech or evidence verb
in an as-clause attributes the clause it modifies. The candidate is filed under the verb,
where the verb forms may find a more confident one (arbitration.py)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from . import Example, Form, Trigger

TRIGGER = Trigger("as_clause", dependency=True, patterns=[[
    {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "as", "DEP": "mark"}},
    {"LEFT_ID": "cue", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"DEP": "advcl"}},
]])


def extract(ctx: DocContext, mark: Token) -> Candidate | None:
    """The clause the as-clause modifies, without it; the as-clause's subject as source."""
    v = mark.head
    doc = ctx.doc
    lemma = v.lemma_.lower()
    said_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in v.children)
    if not (said_it or lemma in lx.SPEECH_VERBS or lemma in lx.EVIDENCE_VERBS):
        return None
    if any(c.dep_ in ("ccomp", "dobj") for c in v.children) and not said_it:
        return None  # "as he announced his bid": the verb has its own object
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    head = v.head
    if subj is None or head.pos_ not in ("VERB", "AUX") or mark.i != v.left_edge.i:
        return None
    seg_s, seg_e = ctx.seg_range(v.i)
    clause_s, clause_e = v.left_edge.i, v.right_edge.i + 1
    if clause_e < len(doc) and doc[clause_e].text == ",":
        clause_e += 1
    if clause_s > seg_s and doc[clause_s - 1].text == ",":
        clause_s -= 1
    content = content_from_tokens(ctx, max(head.left_edge.i, seg_s), min(head.right_edge.i + 1, seg_e),
                                       v.i, [(clause_s, clause_e)])
    if not content:
        return None
    cue_end = v.i + 1 + (1 if said_it and v.i + 1 < len(doc) and doc[v.i + 1].lower_ == "it" else 0)
    return Candidate(cue=[(v.i, cue_end)], anchor=v.i, content=content, source=noun_phrase(ctx, subj),
                     source_head=subj.i, form=FORM.name, confidence=FORM.confidence, lemma=lemma)


FORM = Form(
    name="as_clause", summary="as X reported / put it, Y", trigger=TRIGGER, extract=extract,
    confidence=0.75,
    extracts=(Example("As the Herald reported, the mill will close in June.", "reported", "the Herald",
                      "the mill will close in June"),
              Example("The deal is dead, as one trader put it.", "put it", "one trader", "The deal is dead")),
    ignores=(Example("As the crowd cheered, the mayor left the stage.", "cheered"),),
)
