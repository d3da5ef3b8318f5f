"""Impression: 'X seems to Y', 'X appears ready to Y', a claim with an implicit observer
(hedged, no source), as PolNeAR counts impressions."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..spans import cue_ranges
from . import Example, Form, Trigger
from .passive import passive_content

TRIGGER = Trigger("raising", patterns=[[{"LEMMA": {"IN": sorted(lx.case_variants(lx.RAISING_VERBS))},
                                         "POS": {"IN": ["VERB", "AUX"]}}]])


def extract(ctx: DocContext, t: Token) -> Candidate | None:
    """The subject and the complement as content, with no source."""
    content = passive_content(ctx, t)
    if not content:
        return None
    return Candidate(cue=cue_ranges(t), anchor=t.i, content=content, form=FORM.name,
                     confidence=FORM.confidence, hedge=True, lemma=t.lemma_.lower())


FORM = Form(
    name="raising", summary="X seems / appears to Y", trigger=TRIGGER, extract=extract, confidence=0.45,
    extracts=(Example("The council seems ready to approve the plan.", "seems", None,
                      "The council … ready to approve the plan"),),
)
