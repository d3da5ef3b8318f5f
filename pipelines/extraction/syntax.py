"""Syntax helpers the forms share: subjects, objects, actors, clause edges."""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon as lx
from .context import DocContext
from .quotes import QUOTE_CHARS

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
SAYING_FORMS = frozenset(("saying", "concluding", "telling", "warning", "adding", "stating",
                          "writing", "explaining", "claiming", "arguing", "noting",
                          "describing", "calling", "insisting", "suggesting", "predicting",
                          "acknowledging", "admitting", "asking", "urging"))
REL_PRONOUNS = frozenset(("who", "which", "that", "whom"))
# Subjects that point back at the text itself ("that suggests", "this shows").
DEMONSTRATIVES = frozenset("this that these those it".split())
FIRST_SECOND_PERSON = frozenset("i me we us you".split())


def subject_of(t: Token, depth: int = 0) -> Token | None:
    subjects = [c for c in t.children if c.dep_ in SUBJ_DEPS]
    if subjects:
        # two subjects are a misparse ("… Sen. McCain,” Trump said): the nearest one
        # before the verb is the verb's own
        before = [c for c in subjects if c.i < t.i]
        return before[-1] if before else subjects[0]
    if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return t.head
    if t.i > 0 and t.doc[t.i - 1].dep_ == "compound" and t.doc[t.i - 1].head.i == t.i:
        return None  # "…, the Herald reports": the parser took the subject for a compound
    if depth < 3 and t.head.i != t.i and t.dep_ in (
            "conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "ccomp"):
        if t.dep_ == "ccomp" and any(c.dep_ == "mark" for c in t.children):
            return None
        return subject_of(t.head, depth + 1)
    return None


def name_after_quote(ctx: DocContext, t: Token) -> Token | None:
    """'“…,” Ramos, 58, told AFP': the parser leaves the verb without a subject; the
    noun phrase between the closing quotation and the verb is the speaker."""
    doc = ctx.doc
    s = t.i
    while s > 0 and t.i - s < 10 and doc[s - 1].text not in QUOTE_CHARS and (
            doc[s - 1].pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PUNCT")
            and doc[s - 1].text not in (".", ";", ":", "?", "!")):
        s -= 1
    if s == t.i or s == 0 or doc[s - 1].text not in QUOTE_CHARS:
        return None
    while s < t.i and doc[s].is_punct:
        s += 1
    roots = [doc[k] for k in range(s, t.i) if not s <= doc[k].head.i < t.i]
    if len(roots) == 1 and roots[0].pos_ in ("PROPN", "NOUN", "PRON"):
        return roots[0]
    return None


def prep_object(prep: Token) -> Token | None:
    """What a preposition governs: its noun ('of the plan') or clause ('of lying')."""
    return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)


def subject_or_antecedent(t: Token) -> Token | None:
    """t's subject; for 'a poll that showed …' the noun the relative pronoun stands for."""
    subj = subject_of(t)
    if subj is not None and subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
        return t.head
    return subj


def is_actor(ctx: DocContext, i: int) -> bool:
    """A source head that can hold a position: a named actor, a pronoun, a person,
    organisation or government noun."""
    h = ctx.doc[i]
    if h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or h.pos_ == "PRON":
        return True
    lem = h.lemma_.lower()
    return lem in lx.PERSON_NOUNS or lem in lx.ORG_NOUNS or lem in lx.GOVERNMENT_NOUNS \
        or lem in lx.MEDIA_NOUNS or lem in lx.GROUP_NOUNS


def time_phrase(prep: Token) -> bool:
    """'for years', 'over the weekend', 'for the second time': when, not why."""
    obj = prep_object(prep)
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME")
                                or obj.lemma_.lower() in lx.RELATIVE_ADVERB_NOUNS)


def wh_clause(clause: Token) -> bool:
    """An interrogative complement: 'whether …', 'how …', 'which candidate …'."""
    for c in clause.subtree:
        if c.i >= clause.i:
            break
        if c.tag_ in ("WRB", "WP", "WDT", "WP$") or c.lower_ in ("if", "whether"):
            return True
    return False


def text_subject(t: Token) -> bool:
    """'“…,” the statement read', 'it read', 'reads a Wednesday editorial', 'Isaiah 45:1
    reads:': the subject is a written text (a pronoun for one, or a title), not a reader."""
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "dobj", "attr")
                 and (c.dep_ == "nsubj" or c.i > t.i)), None)
    if subj is None:
        return False
    return subj.lower_ == "it" or subj.lemma_.lower() in lx.TEXT_NOUNS \
        or subj.pos_ == "PROPN" and subj.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")


def document_subject(t: Token) -> bool:
    """'Polls show Clinton with a lead', 'a poll that showed X ahead': data and documents
    state things through their objects too; people who 'show' or 'find' something do not."""
    subj = subject_or_antecedent(t)
    return subj is not None and subj.lemma_.lower() in lx.DOCUMENT_NOUNS


def named_actor_subject(ctx: DocContext, t: Token) -> bool:
    """The verb's subject is an actor, not a demonstrative ('that suggests …')."""
    subj = subject_or_antecedent(t)
    return subj is not None and subj.lower_ not in DEMONSTRATIVES and is_actor(ctx, subj.i)


def adverbial_as(prep: Token) -> bool:
    """'as a result', 'as part of', 'as of Tuesday': not a predicate."""
    return any(g.lemma_.lower() in lx.ADVERBIAL_AS_NOUNS or g.dep_ == "prep" for g in prep.children)


def cue_clause_start(ctx: DocContext, t: Token, subj: Token) -> int:
    """First token of '…, X said': the subject and the verb's contiguous left modifiers.
    Not the verb's left edge, which a misparse can push deep into the content ('…, if
    bogus, ideas …, she said' with 'if' hung under 'said')."""
    doc = ctx.doc
    first = min(t.i, subj.left_edge.i)
    while first > 0 and not (doc[first - 1].is_punct or doc[first - 1].text in QUOTE_CHARS) \
            and doc[first - 1].head.i == t.i and doc[first - 1].dep_ not in ("mark", "nsubj"):
        first -= 1
    if first > 1 and doc[first - 1].text == "," and doc[first - 2].head.i == t.i \
            and doc[first - 2].dep_ == "advmod" and doc[first - 2].n_lefts == 0:
        first -= 2  # "Y, however, officials said": the set-off adverb is the cue clause's
    while first < t.i and doc[first].is_punct and doc[first].text not in QUOTE_CHARS:
        first += 1
    return first


def interjected(ctx: DocContext, t: Token) -> bool:
    """'Y1, X said, Y2': a cue clause set off by commas inside its content."""
    r = t.right_edge.i
    if ctx.doc[r].text not in (",", "—", "–", "--"):
        r += 1
    return r < len(ctx.doc) and ctx.doc[r].text in (",", "—", "–", "--") and t.head.i > r


def trailing_cues(ctx: DocContext, clause: Token, end: int) -> list[tuple[int, int]]:
    """', adding that …' / ', saying …' clauses that close a content clause: their own
    claims, cut from the content (a participial cue verb after a comma)."""
    out = []
    for c in clause.rights:
        if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG" and c.i > clause.i \
                and ctx.doc[c.left_edge.i - 1].text == "," \
                and (c.lower_ in SAYING_FORMS or c.lemma_.lower() in lx.SPEECH_VERBS):
            out.append((c.left_edge.i - 1, min(c.right_edge.i + 1, end)))
    return out


def is_media_np(ctx: DocContext, tok: Token) -> bool:
    k = ctx.ents.cluster_at(tok.i)
    if k >= 0:
        return ctx.ents.is_media(k)
    return tok.lemma_.lower() in lx.MEDIA_NOUNS


def governing_verb(t: Token) -> Token:
    """The verb a phrase modifies, up to three heads away ('according to X' inside a noun
    phrase); t's head when no verb is that close."""
    head = t.head
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 3:
        head = head.head
        hops += 1
    return head


def cue_clause_extent(t: Token, subj: Token | None) -> tuple[int, int, int]:
    """First and last token of the cue clause (verb and subject), and the token after the
    verb's own post-modifiers that may stand before a colon ('tells the crowd:', 'told his
    audience, to loud applause:')."""
    first = min(t.i, subj.left_edge.i) if subj is not None else t.i
    last = max(t.i, subj.right_edge.i) if subj is not None else t.i
    k = last + 1
    for c in t.rights:
        if c.i < k:
            continue
        if c.left_edge.i != k or k - last >= 8 or not (
                c.dep_ in ("advmod", "npadvmod", "prep", "dative", "dobj")
                or c.dep_ == "punct" and c.text == ","):
            break
        k = c.right_edge.i + 1
    return first, last, k
