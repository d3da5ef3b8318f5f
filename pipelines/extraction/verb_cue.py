"""What the verb forms share: the reading of one cue verb (its lemma, class, subject and
parse shape), and the step that turns a content into a claim (source, filters, via).

A cue verb is read once (`verb_cue`, cached per token); the verb forms then differ only in
where they find the content. The parse shape decides which structural reading applies, in
this order: a parsed complement ('said that Y'), a cue clause hung under its content ('Y, X
said' parsed that way), a passive with a complement ('X is expected to Y'), an object
('criticised the plan'). A speech verb whose reading finds no content falls back on a
colon or an adjacent quotation, then on the clause around the cue clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from . import lexicon as lx
from .candidates import REJECTED, Candidate, Rejected
from .context import DocContext
from .plausibility import asked_participle, plausible
from .quotations import continue_quote
from .spans import cue_ranges, noun_phrase
from .syntax import (
    REL_PRONOUNS,
    SUBJ_DEPS,
    is_media_np,
    name_after_quote,
    subject_of,
    text_subject,
)
from .triggers import Trigger

# every verb form, in precedence order: the four readings of the parse shape, then the
# fallbacks of a speech verb whose reading found no content
VERB_FORMS = ("complement", "inverted_parse", "passive", "verb_object", "colon_quote",
              "adjacent_quote", "unparsed_inverted")
# a verb that names no speech or evidence ('hopes', 'criticised') is a weaker cue
NOT_SPEECH_PENALTY = 0.2
# what wakes every verb form: a cue verb's lemma, or its form for lemmas the model gets wrong
CUE_VERB = Trigger("cue_verb", [
    [{"LEMMA": {"IN": sorted(lx.case_variants(lx.ANY_CUE_VERBS))}}],
    [{"LOWER": {"IN": sorted(lx.ANY_CUE_VERBS | set(lx.LEMMA_FIXES))}}],
])


def verb_forms_after(name: str) -> tuple[str, ...]:
    """The verb forms that `name` is tried before: those after it in VERB_FORMS."""
    return VERB_FORMS[VERB_FORMS.index(name) + 1:]


@dataclass
class VerbCue:
    token: Token
    lemma: str
    phrasal: bool  # with its particle ('rule out', 'play down')
    text_verb: bool  # a written text that reads '…'
    clausal: bool  # takes a that-clause
    is_speech: bool
    complement: Token | None
    subject: Token | None
    segment: tuple[int, int]
    reading: str | None = None  # the verb form whose parse shape this is, if any
    reading_doubt: float = 0.0  # how much less sure that reading is than a parsed complement

    def confidence(self, form_confidence: float) -> float:
        """A verb form's confidence for this verb: lower for a verb that names no speech."""
        return round(form_confidence if self.is_speech else form_confidence - NOT_SPEECH_PENALTY, 3)

    def fallback_confidence(self, form_confidence: float) -> float:
        """A fallback form's confidence: the doubt of the reading that found nothing carries over."""
        return round(form_confidence - self.reading_doubt, 3)


def verb_cue(ctx: DocContext, t: Token) -> VerbCue | None:
    """The reading of t as a cue verb, or None when it is not one here ('All told', 'set'
    without its particle, people who read books, a noun with no subject)."""
    cached = ctx.verb_cues.get(t.i, False)
    if cached is False:
        cached = ctx.verb_cues[t.i] = _read_verb_cue(ctx, t)
    return cached


def reading_form(name: str, build: Callable[[DocContext, VerbCue], Candidate | Rejected | None]):
    """The extract function of the verb form `name`, which applies only when the verb's parse
    shape is that form's reading: `build` gets the cue verb's reading."""
    def extract(ctx: DocContext, t: Token) -> Candidate | Rejected | None:
        cue = verb_cue(ctx, t)
        return build(ctx, cue) if cue is not None and cue.reading == name else None
    return extract


@lru_cache(maxsize=1)
def _complement_finder() -> Callable[[DocContext, Token], Token | None]:
    """complement.parsed_complement, looked up once (the forms import this module)."""
    from .forms.complement import parsed_complement

    return parsed_complement


def _cue_lemma(t: Token) -> str | None:
    lemma = lx.LEMMA_FIXES.get(t.lower_, t.lemma_.lower())
    if lemma in lx.ANY_CUE_VERBS:
        return lemma
    return t.lower_ if t.lower_ in lx.ANY_CUE_VERBS else None


def _read_verb_cue(ctx: DocContext, t: Token) -> VerbCue | None:
    parsed_complement = _complement_finder()

    doc = ctx.doc
    lemma = _cue_lemma(t)
    if lemma is None or t.lower_ == "told" and t.i > 0 and doc[t.i - 1].lower_ == "all":
        return None  # "All told, …"
    particle = lx.PARTICLE_CUE_VERBS.get(lemma)
    phrasal = particle is not None and any(c.dep_ == "prt" and c.lower_ == particle for c in t.children)
    if particle is not None and not phrasal and lemma not in lx.ALL_CUE_VERBS \
            and lemma not in lx.OBJECT_VERBS and lemma not in lx.PREP_CUE_VERBS \
            and lemma not in lx.INTENTION_VERBS:
        return None  # "set" or "fire" without their particle
    text_verb = lemma in lx.TEXT_VERBS
    if text_verb and not text_subject(t):
        return None  # people read books; statements and signs read "…"
    if t.pos_ not in ("VERB", "AUX") and not any(c.dep_ == "nsubj" for c in t.children):
        return None  # mis-tagged verbs ("claims" as a plural noun) need a subject and a clause
    clausal = lemma in lx.ALL_CUE_VERBS or phrasal or text_verb
    is_speech = lemma in lx.SPEECH_VERBS or lemma in lx.EVIDENCE_VERBS or phrasal or text_verb
    subject = subject_of(t)
    if subject is None and is_speech:
        subject = name_after_quote(ctx, t)
    cue = VerbCue(t, lemma, phrasal, text_verb, clausal, is_speech,
                  parsed_complement(ctx, t) if clausal else None, subject, ctx.seg_range(t.i))
    _set_reading(ctx, cue)
    return cue


@lru_cache(maxsize=1)
def _readings() -> tuple[dict[str, Callable[[DocContext, VerbCue], bool]], dict[str, float]]:
    """Each reading form's shape test and confidence. The forms import this module, so they
    are looked up once, on first use, not at import."""
    from .forms import FORMS
    from .forms.inverted_parse import inverted_shape
    from .forms.passive import passive_content
    from .forms.verb_object import object_content

    shapes = {
        "complement": lambda ctx, cue: cue.complement is not None,
        "inverted_parse": inverted_shape,
        "passive": lambda ctx, cue: passive_content(ctx, cue.token) is not None,
        "verb_object": lambda ctx, cue: object_content(ctx, cue.token, cue.lemma, cue.phrasal) is not None,
    }
    return shapes, {name: FORMS[name].confidence for name in shapes}


def _set_reading(ctx: DocContext, cue: VerbCue) -> None:
    """The first verb form, in precedence order, whose parse shape this is."""
    shapes, confidence = _readings()
    cue.reading = next((name for name in VERB_FORMS if name in shapes and shapes[name](ctx, cue)), None)
    if cue.reading is not None:
        cue.reading_doubt = confidence["complement"] - confidence[cue.reading]


def verb_claim(ctx: DocContext, cue: VerbCue, form: str, content: list[tuple[int, int]],
               confidence: float, cue_spans: list[tuple[int, int]] | None = None,
               content_quote: bool = False, *, quotes_the_asked: bool = False,
               object_reading: bool = False, agent_is_source: bool = False) -> Candidate | Rejected | None:
    """The claim a verb form found content for, once its source is resolved and the
    filters agree; REJECTED when the cue is no attribution after all.

    What differs between forms is said by the form: `quotes_the_asked` (its quotation, after
    an 'asked' participle, is the answer: the claim of the one asked, not of this cue),
    `object_reading` (the content is the verb's object: the object filters apply),
    `agent_is_source` (a passive: the by-phrase is the source)."""
    t = cue.token
    if not content:
        return None
    if content_quote:
        content = continue_quote(ctx, content, t)
    subj = cue.subject
    if subj is None and cue.is_speech:
        # "..., said Richard Roe, a union leader": the parser may take the inverted
        # subject for an object
        subj = next((c for c in t.rights if c.dep_ in ("dobj", "attr", "npadvmod")
                     and (c.pos_ == "PROPN" or c.lemma_.lower() in lx.PERSON_NOUNS
                          or cue.text_verb and c.lemma_.lower() in lx.TEXT_NOUNS)), None)
    if asked_participle(ctx, t):
        if quotes_the_asked:
            return REJECTED  # "“…,” X told reporters, when asked about Y": the quote is X's claim
        subj = None  # "Asked whether …, X said": X was asked; the asker is unnamed
    src, shead = _agent(ctx, t) if agent_is_source else _verb_source(ctx, t, subj)
    if not plausible(ctx, t, object_reading, src, shead, cue.complement, subj):
        return REJECTED
    via, via_head = None, -1
    if cue.lemma in lx.DATIVE_VERBS:
        obj = next((c for c in t.children if c.dep_ in ("dobj", "dative", "iobj")), None)
        if obj is not None and is_media_np(ctx, obj):
            via, via_head = noun_phrase(ctx, obj), obj.i
    return Candidate(cue=cue_spans or cue_ranges(t), anchor=t.i, content=content, source=src,
                     source_head=shead, via=via, via_head=via_head, form=form,
                     confidence=confidence, lemma=t.lemma_.lower(), content_quote=content_quote,
                     hedge=src is None)


def _verb_source(ctx: DocContext, t: Token, subj: Token | None) -> tuple[tuple[int, int] | None, int]:
    """Source range and head: the subject as written ('who' stays 'who'), or the agent of an
    expletive passive ('it was reported by X that')."""
    src, shead = None, -1
    if subj is not None and subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
        # "X, who said ...": the source as written is the relative pronoun
        src, shead = (subj.i, subj.i + 1), t.head.i
    elif subj is not None:
        shead = subj.i
        if subj.dep_ in SUBJ_DEPS or subj.i == t.head.i:
            src = noun_phrase(ctx, subj, exclude=t if subj.i == t.head.i else None)
        else:
            src = noun_phrase(ctx, subj)
        if subj.lower_ == "it" and subj.dep_ == "nsubjpass":
            src, shead = _agent(ctx, t)  # expletive passive: "it was reported that", "it is said"
    return src, shead


def _agent(ctx: DocContext, t: Token) -> tuple[tuple[int, int] | None, int]:
    """The object of the verb's by-phrase, if any."""
    agent = next((c for c in t.children if c.dep_ == "agent"), None)
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    return (noun_phrase(ctx, pobj), pobj.i) if pobj is not None else (None, -1)
