"""Roles: the title or description the text gives a named source ("McConnell spokesman Don
Stewart", "Johanna Cervone, a spokeswoman for Gillum", "Ted Cruz, R-Texas"), and the
descriptions a later sentence uses for the same person ("the mayor said").

A role is read from three places, in this order: the words before the name inside its noun
phrase, the noun the name is in apposition to ("the state's top election official, Brad
Raffensperger"), and the name's own appositive. A role never includes a leading article.
Descriptions resolve to a name only through these roles: "the mayor" is the one person the
text called mayor; none, or more than one, leaves it unresolved (spec section 1: an
unnamed description keeps source_entity null unless the text ties it to a name).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from . import lexicon as lx

ARTICLES = frozenset(("the", "a", "an"))
PARTY_STATE = re.compile(r"^[RDI]-[A-Z][A-Za-z. ]+$")  # "R-Texas", "D-N.Y."
Range = tuple[int, int]
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady".split())


def _without_edges(doc: Doc, start: int, end: int) -> Range | None:
    """The range without leading articles and punctuation, or trailing punctuation."""
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"):
        end -= 1
    return (start, end) if start < end else None


def _describes(doc: Doc, rng: Range) -> bool:
    """A role holds a noun or a title ("former Vice President", "Democrat", "R-Texas"), is
    more than an honorific ("Mr", "Dr") and stays inside one paragraph."""
    words = [doc[i] for i in range(*rng)]
    if any("\n" in t.text or "\n" in t.whitespace_ for t in words[:-1]) or any("\n" in t.text for t in words):
        return False
    if all(t.lower_.rstrip(".") in HONORIFICS or t.is_punct for t in words):
        return False
    return any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in lx.TITLE_WORDS for t in words)


def name_role(doc: Doc, start: int, end: int) -> Range | None:
    """Token range of the role given to the name doc[start:end], or None."""
    head = doc[end - 1]
    while head.head.i != head.i and start <= head.head.i < end:
        head = head.head
    before = _without_edges(doc, head.left_edge.i, start)
    if before and not any(doc[i].text in ",;(" for i in range(*before)) and _describes(doc, before):
        return before
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        holder = head.head
        cut = min([c.left_edge.i for c in holder.rights if c.dep_ == "appos"] + [holder.right_edge.i + 1])
        rng = _without_edges(doc, holder.left_edge.i, cut)
        if rng and _describes(doc, rng):
            return rng
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        rng = _without_edges(doc, child.left_edge.i, child.right_edge.i + 1)
        if rng and (child.pos_ == "NOUN" or child.ent_type_ == "NORP"
                    or PARTY_STATE.match(doc[rng[0]:rng[1]].text)):
            return rng
    return None


def description_role(doc: Doc, rng: Range, head: Token) -> Range | None:
    """A description used as the source ("the mayor", "a Home Office minister") is itself
    the role, when it names what a person is (a title or a person noun)."""
    lemma = head.lemma_.lower()
    if lemma not in lx.TITLE_WORDS and lemma not in lx.PERSON_NOUNS:
        return None
    if head.tag_ in ("NNS", "NNPS"):
        return None  # "officials", "analysts": a group has no single role
    stripped = _without_edges(doc, rng[0], min(rng[1], head.right_edge.i + 1))
    return stripped if stripped and head.i < stripped[1] else None


def role_words(doc: Doc, rng: Range) -> frozenset[str]:
    """Lemmas of the role's nouns and titles, for matching a later description against it."""
    return frozenset(doc[i].lemma_.lower() for i in range(*rng)
                     if doc[i].pos_ in ("NOUN", "PROPN") or doc[i].lower_ in lx.TITLE_WORDS)
