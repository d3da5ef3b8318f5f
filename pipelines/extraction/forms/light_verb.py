"""Light-verb positions: 'expressed hope that Y', 'voiced concern that Y' (a position noun
with its clause), and idioms with their own prepositions: 'made the case for Y', 'took
issue with Y', 'took aim at Y'."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import content_from_tokens, noun_phrase
from ..syntax import prep_object, subject_of
from ..verb_cue import VERB_FORMS
from . import Example, Form, Trigger

TRIGGER = Trigger("light_verb", patterns=[[{"LEMMA": {"IN": sorted(lx.case_variants(lx.LIGHT_VERBS))},
                                            "POS": {"IN": ["VERB", "AUX"]}}]])
# a position whose content is a prepositional object ('voiced concern about Y') is less sure
# than one with a clause ('voiced concern that Y')
PREPOSITIONAL_CONFIDENCE = 0.55
DEFAULT_PREPS = ("for", "about", "of", "on", "over", "with", "against", "to")


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """'expressing hope that Y', 'voiced concern that Y', 'made the case for Y',
    'offered a defence of Y', 'took issue with Y'."""
    verb = t.lemma_.lower()
    for c in t.children:
        if c.dep_ != "dobj":
            continue
        noun = c.lemma_.lower()
        idiom = lx.LIGHT_VERB_IDIOMS.get((verb, noun))
        if idiom is None and not (noun in lx.LIGHT_NOUNS and verb in lx.STANCE_LIGHT_VERBS):
            continue
        if any(g.dep_ == "neg" for g in t.children) or (verb, noun) != ("make", "secret") and any(
                g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            continue  # "has not taken a position on", "made no such statement": none taken
        kind = "position"
        clause = None
        if idiom is None:
            clause = next((g for g in c.children if g.dep_ in ("acl", "ccomp")
                           and any(m.dep_ == "mark" for m in g.children)), None)
            if clause is None:
                clause = next((g for g in c.children if g.dep_ in ("acl", "ccomp")), None)
            if clause is not None and clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG"):
                clause = None  # "the statement released on Monday"
        cue_end = c.i + 1
        if clause is not None:
            cs, ce = clause.left_edge.i, clause.right_edge.i + 1
        else:
            preps = idiom or lx.STANCE_NOUNS.get(noun, ()) + DEFAULT_PREPS
            prep = next((g for g in c.rights if g.dep_ == "prep" and g.lower_ in preps), None)
            if prep is None and idiom:  # "took issue with Y": the parser may hang the preposition on the verb
                prep = next((g for g in t.children if g.dep_ == "prep" and g.i == c.i + 1
                             and g.lower_ in idiom), None)
            pobj = prep_object(prep) if prep else None
            if pobj is None or prep.i - c.i > 1 or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            cs, ce = prep.i + 1, prep.right_edge.i + 1
            cue_end = prep.i + 1
            kind = "light"
        subj = subject_of(t)
        if subj is None and kind == "light":
            return None
        src = noun_phrase(ctx, subj, exclude=t) if subj is not None else None
        cue = [(t.i, cue_end)] if cue_end - t.i <= 4 else [(t.i, t.i + 1), (c.i, cue_end)]
        content = content_from_tokens(ctx, cs, ce, t.i)
        return Candidate(cue=cue, anchor=t.i, content=content, source=src,
                         source_head=subj.i if subj is not None else -1, form=FORM.name,
                         confidence=FORM.confidence if kind == "position" else PREPOSITIONAL_CONFIDENCE,
                         lemma=f"{t.lemma_.lower()} {noun}")
    return None


FORM = Form(
    name="light_verb", summary="expressed hope that Y; took issue with Y", trigger=TRIGGER,
    extract=extract, confidence=0.7, outranks=VERB_FORMS,
    extracts=(Example("The union expressed hope that talks would resume.", "expressed hope", "The union",
                      "talks would resume"),
              Example("The senator took issue with the new tariffs.", "took issue with", "The senator",
                      "the new tariffs")),
    ignores=(Example("The senator has not taken a position on the tariffs.", "taken a position on"),
             Example("She took the stand on Tuesday.", "took the stand")),
)
