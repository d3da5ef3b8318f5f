"""Spans: token ranges turned into character spans, trimmed at their edges and aligned to
quotation marks, so that every span is a slice of the original text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import lexicon as lx
from .quotes import QUOTE_CHARS, Quotes

if TYPE_CHECKING:
    from .context import DocContext

EDGE_PUNCT = set(",.;:!?-–—()[]{}…/\\|*•·")


def is_complementizer(t: Token) -> bool:
    """'that' introducing a clause ('said that wages fell'), not a demonstrative ('That
    moment showed …', 'that is wrong', "that's"). The parser marks most complementizers
    'mark' but sometimes takes them for a determiner-less pronoun object."""
    if t.lower_ != "that":
        return False
    if t.dep_ == "mark" or t.tag_ == "IN":
        return True
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.text == "," and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i != t.i for c in t.head.children):
        return True  # "that, among voters, Smith ranks fourth"
    if nxt is None or nxt.text[:1] in ("'", "’") or nxt.pos_ in ("VERB", "AUX") or nxt.is_punct:
        return False
    return t.dep_ not in ("det", "nsubj", "nsubjpass", "advmod", "attr", "pobj")


def trim_span(text: str, s: int, e: int, quotes: Quotes,
              that_marks: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Trim whitespace/punctuation at the edges, and a leading complementizer 'that' (one
    whose offset is in `that_marks`, followed by whitespace or a comma: a demonstrative,
    "That moment showed …", and "that's" stay); align to quotes."""
    for _ in range(4):
        while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCT):
            e -= 1
        if s in that_marks and text[s:s + 4].lower() == "that" and s + 4 < e \
                and (text[s + 4].isspace() or text[s + 4] == ","):
            s += 4
            continue
        break
    if s >= e:
        return s, s
    # extend to the quote marks of quotations that the span starts or ends inside
    for k in quotes.overlapping(s, e):
        qs, qe = quotes.spans[k]
        if qs < s and qe > s and not text[qs + 1:s].strip(" \t,.;:!?-–—"):
            s = qs
        cw = 2 if text[qe - 2:qe] == "''" else 1
        if qe > e and qs < e and not text[e:qe - cw].strip(" \t,.;:!?-–—…"):
            e = qe
    # drop quote marks at the edges that do not belong to a quotation inside the span
    changed = True
    while changed and s < e:
        changed = False
        if text[s] in QUOTE_CHARS:
            k = quotes.containing(s, s + 1)
            if k < 0 or quotes.spans[k][0] != s or quotes.spans[k][1] > e:
                s += 1
                changed = True
        if s < e and text[e - 1] in QUOTE_CHARS:
            k = quotes.containing(e - 1, e)
            if k < 0 or quotes.spans[k][1] != e or quotes.spans[k][0] < s:
                e -= 1
                changed = True
        while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
            s += 1
            changed = True
        while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCT):
            # keep a final period inside a quotation: ".”" is handled above
            e -= 1
            changed = True
    return s, e


def content_from_tokens(ctx: DocContext, s: int, e: int, cue_i: int,
                        exclude: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Char spans for tokens [s, e) minus excluded token ranges, within the paragraph."""
    para = ctx.para_of[cue_i]
    while s < e and ctx.para_of[s] != para:
        s += 1
    while e > s and ctx.para_of[e - 1] != para:
        e -= 1
    pieces = [(s, e)]
    for xs, xe in sorted(exclude):
        new = []
        for ps, pe in pieces:
            if xe <= ps or xs >= pe:
                new.append((ps, pe))
                continue
            if ps < xs:
                new.append((ps, xs))
            if xe < pe:
                new.append((xe, pe))
        pieces = new
    out = []
    for ps, pe in pieces:
        if ps < pe:
            out.append(ctx.char_range(ps, pe))
    return out


def noun_phrase(ctx: DocContext, head: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`, within its segment; with `exclude`,
    without the cue clause that sits inside it."""
    s, e = head.left_edge.i, head.right_edge.i + 1
    doc = ctx.doc
    while s >= 2 and doc[s - 1].text in "-–" and not doc[s - 1].whitespace_ \
            and not doc[s - 2].whitespace_:
        s = doc[s - 2].left_edge.i  # a hyphenated name split by the parser: "Wal-Mart"
    if exclude is not None and s <= exclude.i < e:
        # the cue sits inside the noun phrase (acl/relcl): keep what precedes it
        cut = exclude.left_edge.i
        if cut > head.i:
            e = cut
        else:
            s = exclude.right_edge.i + 1 if exclude.right_edge.i + 1 <= head.i else head.i
    for c in head.rights:
        if c.dep_ == "appos" and c.pos_ == "VERB" and c.lemma_.lower() in lx.CORE_REPORTING_VERBS:
            # "said Tom Reyes, the Gazette reports": a second cue clause taken for an
            # appositive is not part of the name
            e = min(e, c.left_edge.i - 1 if doc[c.left_edge.i - 1].text == "," else c.left_edge.i)
    seg_s, seg_e = ctx.seg_range(head.i)
    return max(s, seg_s), min(e, seg_e)


def cue_ranges(t: Token) -> list[tuple[int, int]]:
    """The cue verb with its contiguous auxiliaries, negation and particle ('did not rule out')."""
    s = t.i
    for c in t.lefts:
        if c.dep_ in ("aux", "auxpass", "neg") and c.i < t.i:
            s = min(s, c.i)
    # only keep a contiguous run of aux/neg/adverbs
    if s < t.i:
        ok = all(
            t.doc[k].head.i == t.i and t.doc[k].dep_ in ("aux", "auxpass", "neg", "advmod")
            for k in range(s, t.i)
        )
        if not ok:
            s = t.i
    e = t.i + 1
    for c in t.rights:
        if c.dep_ == "prt" and c.i == e:
            e += 1
    return [(s, e)]


def span_chars(ctx: DocContext, rng: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The trimmed character span of a source or via token range (empty when nothing is left)."""
    if rng is None or rng[0] >= rng[1]:
        return []
    s, e = trim_span(ctx.text, *ctx.char_range(*rng), ctx.quotes)
    return [(s, e)] if s < e else []
