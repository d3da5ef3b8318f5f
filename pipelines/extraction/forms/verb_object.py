"""Object as content: speech-act and stance verbs with their object ('criticised the plan',
'called him a liar', 'accused her of lying'), verbs with their own preposition ('called for
a ban'), intentions ('vowed to fight'), evidence stated through objects ('polls show Clinton
with a lead'), views ('sees X as Y')."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import Candidate, Rejected
from ..context import DocContext
from ..plausibility import no_content_answer
from ..spans import content_from_tokens, cue_ranges
from ..syntax import (
    adverbial_as,
    document_subject,
    is_actor,
    named_actor_subject,
    prep_object,
    subject_of,
)
from ..verb_cue import CUE_VERB, VerbCue, reading_form, verb_claim, verb_forms_after
from . import Example, Form


def object_content(ctx: DocContext, t: Token, lemma: str, phrasal: bool = False):
    """Objects as content for speech-act and stance verbs ('criticized the plan',
    'called him a liar', 'accused her of lying') and to-infinitives of intention verbs
    ('vowed to fight'). Returns (first token, end token, extra cue token) or None."""
    if t.tag_ in ("VBN",) and any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
        return None
    if t.dep_ in ("amod", "compound"):
        return None
    preps = lx.PREP_CUE_VERBS.get(lemma)
    found = prepositional_content(ctx, t, preps) if preps else None
    return found if found is not None else _object_complements(ctx, t, lemma, phrasal)


def prepositional_content(ctx: DocContext, t: Token, preps: tuple[str, ...]):
    """'called for a ban', 'pointed to the polls', 'called on X to resign': the object of the
    verb's own preposition. Returns (first token, end token, preposition token) or None."""
    k = t.i + 1
    while k < len(ctx.doc) and ctx.doc[k].dep_ in ("prt", "advmod") and ctx.doc[k].head.i == t.i \
            and k - t.i < 3:
        k += 1
    c = ctx.doc[k] if k < len(ctx.doc) else None
    if c is not None and no_content_answer(t, c):
        return None  # "did not respond to a request for comment"
    if c is not None and c.dep_ == "mark" and c.lower_ in preps and c.head.head.i == t.i \
            and c.head.dep_ in ("advcl", "xcomp", "ccomp"):
        # "calling for the US to step up …": the parser reads 'for' as a subordinator
        return c.i + 1, c.head.right_edge.i + 1, c.i
    if c is not None and c.head.i == t.i and c.dep_ in ("prep", "prt") and c.lower_ in preps:
        pobj = prep_object(c)
        if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
            e = c.right_edge.i + 1
            for g in t.rights:
                if g.i >= e and g.left_edge.i <= e + 1 and (
                        g.dep_ in ("xcomp", "ccomp", "oprd") or g.dep_ == "prep" and g.lower_ == "as"):
                    e = g.right_edge.i + 1
            return c.i + 1, e, c.i
    return None


def _object_complements(ctx: DocContext, t: Token, lemma: str, phrasal: bool):
    """The verb's object and what completes it ('called him a liar', 'accused her of lying',
    'polls showed X down by ten points'), or a to-infinitive of intention ('vowed to fight')."""
    data = lemma in lx.EVIDENCE_VERBS and document_subject(t)
    if lemma in lx.EVIDENCE_VERBS:
        # "polls show X", "the senator revealed X"; not "history suggests X", "that suggests X"
        is_obj = data or lemma in lx.OBJECT_VERBS and named_actor_subject(ctx, t)
    elif lemma in lx.AS_PREDICATE_VERBS:
        # "voters see Clinton as the stronger candidate": a view, only with its "as"
        is_obj = named_actor_subject(ctx, t) and subject_of(t).lower_ != "you" \
            and view_as(ctx, t, lemma)
    else:
        is_obj = lemma in lx.OBJECT_VERBS or phrasal
    is_int = lemma in lx.INTENTION_VERBS
    if not (is_obj or is_int):
        return None
    dative = lemma in lx.DATIVE_VERBS or lemma in ("urge", "ask", "remind")
    comps = []
    for c in t.rights:
        d = c.dep_
        if d == "dobj" and is_obj:
            if c.lower_ in ("what", "which", "who", "that", "this", "it") and c.n_rights == 0 \
                    and not any(g.dep_ == "oprd" for g in t.children):
                return None
            comps.append(c)
        elif d == "xcomp" and (is_int or comps) and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            if not comps and (c.lemma_.lower() in lx.SPEECH_VERBS or c.lemma_.lower() in lx.NO_CONTENT_VERBS) \
                    and not any(g.dep_ not in ("aux", "neg", "advmod", "punct", "prep", "npadvmod")
                                for g in c.children):
                return None  # "declined to comment": speech with no content
            if not comps and lemma in ("decline", "refuse") and no_content_answer(c):
                return None  # "declined to answer questions", "refused to take calls"
            comps.append(c)
        elif d in ("oprd", "ccomp", "dative") and comps:
            comps.append(c)
        elif d == "prep" and comps and c.lower_ in lx.OBJECT_PREPS and not any(
                g.ent_type_ in ("DATE", "TIME") for g in c.children):
            comps.append(c)
        elif data and comps and d in ("prep", "advmod", "acomp") and not any(
                g.ent_type_ in ("DATE", "TIME") for g in c.children):
            comps.append(c)  # "polls showed X down by ten points", "found X in the lead"
        elif d in ("cc", "conj", "advcl", "npadvmod") and comps:
            break
    if not comps:
        return None
    if dative and len(comps) > 1 and comps[0].dep_ in ("dobj", "dative") and (
            comps[0].pos_ in ("PRON", "PROPN") or comps[0].lemma_.lower() in lx.PERSON_NOUNS):
        comps = comps[1:]
    s = min(c.left_edge.i for c in comps)
    e = max(c.right_edge.i for c in comps) + 1
    last = comps[-1]
    if last.dep_ == "dobj":
        # "praised Franklin Graham, who has vowed …": the object ends at the comma
        # before a relative clause or appositive that describes it
        for c in last.rights:
            if c.dep_ in ("relcl", "appos", "acl") and ctx.doc[c.left_edge.i - 1].text == ",":
                e = c.left_edge.i - 1
                break
    return s, e, None


def view_as(ctx: DocContext, t: Token, lemma: str) -> bool:
    """'sees X as Y' with Y a predicate of X. Not the subject's role at the time ('saw
    the city as a teenager'), and verbs with a literal sense ('cast', 'paint') only of
    an actor or with an adjective ('cast him as a liar', 'painted the plan as reckless';
    not 'painted the house as a student')."""
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    as_prep = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "as"
                    and not adverbial_as(c)), None)
    if obj is None or as_prep is None:
        return False
    personal = obj.pos_ in ("PRON", "PROPN") or is_actor(ctx, obj.i)
    role = next((g for g in as_prep.children if g.dep_ in ("pobj", "amod", "acomp")), None)
    if lemma in lx.LITERAL_AS_VERBS and not personal and not (role is not None and role.pos_ == "ADJ"):
        return False  # but "paint the plan as reckless"
    if role is None:
        return True
    if role.lemma_.lower() in lx.LIFE_STAGE_NOUNS:
        return False
    return personal or role.lemma_.lower() not in lx.PERSON_NOUNS


def build(ctx: DocContext, cue: VerbCue) -> Candidate | Rejected | None:
    """The object and what completes it; a preposition of the verb joins the cue."""
    t = cue.token
    cs, ce, extra_cue = object_content(ctx, t, cue.lemma, cue.phrasal)
    cue_spans = cue_ranges(t)
    if extra_cue is not None:
        if extra_cue == cue_spans[-1][1]:
            cue_spans = cue_spans[:-1] + [(cue_spans[-1][0], extra_cue + 1)]
        else:
            cue_spans = cue_spans + [(extra_cue, extra_cue + 1)]
    return verb_claim(ctx, cue, FORM.name, content_from_tokens(ctx, cs, ce, t.i),
                      cue.confidence(FORM.confidence), cue_spans=cue_spans, object_reading=True)


FORM = Form(
    name="verb_object", summary="criticised X; called for X; vowed to X; polls show X; sees X as Y",
    trigger=CUE_VERB, extract=reading_form("verb_object", build), confidence=0.7,
    outranks=verb_forms_after("verb_object"),
    extracts=(Example("The union criticized the new contract.", "criticized", "The union", "the new contract"),
              Example("The council called for a ban on fireworks.", "called for", "The council",
                      "a ban on fireworks"),
              Example("The governor vowed to fight the ruling.", "vowed", "The governor", "to fight the ruling"),
              Example("Voters see the mayor as the stronger candidate.", "see", "Voters",
                      "the mayor as the stronger candidate")),
    ignores=(Example("The firm did not respond to a request for comment.", "respond to"),
             Example("She declined to comment.", "declined"),
             Example("He saw the city as a teenager.", "saw")),
)
