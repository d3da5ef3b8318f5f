"""Made clear: 'X made (it) clear that Y', a stated position, with an actor or a document as
subject (not the article's own 'the attack made it clear that …'). The parser hangs the
that-clause on 'clear' or on 'made'."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from ..syntax import document_subject, named_actor_subject, subject_of
from ..verb_cue import VERB_FORMS
from . import Example, Form, Trigger

TRIGGER = Trigger("make", patterns=[[{"LEMMA": {"IN": sorted(lx.case_variants(["make"]))},
                                      "POS": {"IN": ["VERB", "AUX"]}}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """The that-clause as content, the subject as source."""
    clear = next((c for c in t.children if c.lower_ in lx.MAKE_CLEAR_ADJECTIVES
                  and c.dep_ in ("ccomp", "oprd", "acomp", "dobj")), None)
    if clear is None or any(g.dep_ == "neg" for g in t.children):
        return None
    clause = next((g for g in list(clear.rights) + [g for g in t.rights if g.i > clear.i]
                   if g.dep_ in ("advcl", "ccomp") and any(
                       m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
    subj = subject_of(t)
    if clause is None or subj is None or not (
            named_actor_subject(ctx, t) or document_subject(t)):
        return None  # not "the attack made it clear that …": the article's inference
    cs = next(m.i for m in clause.children if m.dep_ == "mark")
    return Candidate(cue=[(t.i, clear.i + 1)], anchor=t.i,
                     content=content_from_tokens(ctx, cs, clause.right_edge.i + 1, t.i),
                     source=noun_phrase(ctx, subj, exclude=t), source_head=subj.i,
                     form=FORM.name, confidence=FORM.confidence, lemma=f"make {clear.lower_}")


FORM = Form(
    name="make_clear", summary="X made (it) clear that Y", trigger=TRIGGER, extract=extract,
    confidence=0.7, outranks=("light_verb", *VERB_FORMS),
    extracts=(Example("The governor made it clear that she would veto the bill.", "made it clear",
                      "The governor", "she would veto the bill"),),
    ignores=(Example("The attack made it clear that the city was unprepared.", "made it clear"),),
)
