"""Filters for cue uses that are rarely attributions: generic and modal uses, the article's
own questions and inferences, questions that name no asker, answers with no content."""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon as lx
from .context import DocContext
from .quotes import QUOTE_CHARS
from .syntax import DEMONSTRATIVES, REL_PRONOUNS, document_subject, is_actor, wh_clause

# generic holders: "anyone who says …", "everyone knows …"
GENERIC_PRONOUNS = frozenset("anyone anybody everyone everybody whoever nobody".split())
GENERIC_MODALS = frozenset("can could should must might may".split())
# "declined to answer questions": an answer verb whose object is no content
ANSWER_VERBS = frozenset("answer take return address respond reply field entertain".split())
NO_CONTENT_OBJECTS = frozenset("""
question questions request requests inquiry inquiries query queries call calls message
messages email emails comment comments interview interviews
""".split())


def generic_or_question(ctx: DocContext, t: Token, subj: Token | None) -> bool:
    """Clearly not attributions: modal or generic uses ('It should be stressed that',
    'you can imagine', 'anyone who says'), cues in the article's own questions
    ('Did the mayor say that …?')."""
    doc = ctx.doc
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in GENERIC_MODALS
                for c in t.children)
    quoted = ctx.quoted(t.i)
    if modal and not quoted and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in t.children):
        return True  # "it should be stressed / must be said that"
    if subj is not None and not quoted:
        head = subj
        if subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
            head = t.head
        negated = any(c.dep_ in ("neg", "advmod", "det") for c in head.children) or (
            head.i > 0 and doc[head.i - 1].lower_ in ("not", "n't"))
        if head.lower_ in GENERIC_PRONOUNS and not negated:
            return True  # "anyone who says", "everyone knows" (not "not everyone")
        if modal and subj.lower_ in ("you", "one") and t.lemma_.lower() in lx.BELIEF_VERBS \
                and t.lemma_.lower() not in lx.SPEECH_VERBS:
            return True  # "you can imagine", "one might think" (not "you can call X Y")
    if not quoted and in_own_question(ctx, t) \
            and any(c.dep_ == "aux" and c.lemma_.lower() == "do" and subj is not None
                    and c.i < subj.i < t.i for c in t.children):
        return True  # "Did the mayor say that …?": the article's own question
    return False


def in_own_question(ctx: DocContext, t: Token) -> bool:
    """t's sentence is a question with no quotation in it: the article asking."""
    seg_s, seg_e = ctx.seg_range(t.i)
    return seg_e > seg_s and ctx.doc[seg_e - 1].text == "?" \
        and not any(ctx.doc[k].text in QUOTE_CHARS for k in range(seg_s, seg_e))


def plausible(ctx: DocContext, t: Token, object_content: bool, src, shead: int, ccomp: Token | None,
              subj: Token | None = None) -> bool:
    """Filters for forms that are rarely attributions."""
    if generic_or_question(ctx, t, subj):
        return False
    if subj is not None and subj.lower_ in DEMONSTRATIVES \
            and t.lemma_.lower() in lx.EVIDENCE_VERBS and t.dep_ != "relcl" \
            and not ctx.quoted(t.i):
        return False  # "That suggests …": the article drawing its own inference
    infinitive = t.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
    if src is None:
        # imperatives ("See …", "Never forget …") and bare infinitives
        if t.tag_ == "VB" or object_content:
            return False
        return True
    lemma = t.lemma_.lower()
    if ccomp is not None and lemma in lx.BELIEF_VERBS and lemma not in lx.SPEECH_VERBS \
            and wh_clause(ccomp):
        return False  # "has not decided which candidate …", "knows how …"
    if infinitive:
        if ctx.doc[shead].lower_ == "it":
            return False  # "it is hard to say / to see how …"
        if ccomp is not None and wh_clause(ccomp):
            return False  # "to see whether …", "to determine how …"
    if object_content:
        if infinitive:
            return False
        if any(c.lower_ in lx.HEDGE_ADVERBS for c in t.children):
            return False  # "are reportedly questioning X": the hedge is the claim
        participle = t.tag_ == "VBG" and not any(a.dep_ == "aux" for a in t.children)
        if (t.dep_ == "relcl" or participle) and not is_actor(ctx, shead) \
                and not (lemma in lx.EVIDENCE_VERBS and document_subject(t)):
            return False  # "a poll that showed X ahead" stays: documents state things too
    return True


def asked_participle(ctx: DocContext, t: Token) -> bool:
    """'Asked whether he would run, …' / 'When asked about …': a participle of 'ask'
    with no subject of its own; the question's asker is not named."""
    if t.lemma_.lower() != "ask":
        return False
    seg_s, _ = ctx.seg_range(t.i)
    opens = all(ctx.doc[k].is_punct or ctx.doc[k].is_space for k in range(seg_s, t.i))
    if not (opens and t.lower_ == "asked") and (
            t.tag_ != "VBN" or t.dep_ not in ("advcl", "ROOT", "conj")):
        return False  # a sentence-initial "Asked …" is a participle whatever its tag
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children):
        return False
    return not ctx.quoted(t.i)


def no_content_answer(x: Token, prep: Token | None = None) -> bool:
    """'(declined) to answer questions / take calls / respond to requests': no content.
    With `prep`, only that preposition's object counts."""
    if x.lemma_.lower() not in ANSWER_VERBS:
        return False
    if prep is not None:
        objs = [p for p in prep.children if p.dep_ == "pobj"]
    else:
        objs = [g for g in x.children if g.dep_ == "dobj"]
        objs += [p for g in x.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj"]
    return bool(objs) and all(o.lemma_.lower() in NO_CONTENT_OBJECTS for o in objs)
