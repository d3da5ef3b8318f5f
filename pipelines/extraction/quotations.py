"""Content taken from quotations: the quotation a content lies in, the one right before or
after a cue clause, and the quotations that continue it in the following sentences."""

from __future__ import annotations

from spacy.tokens import Token

from .context import DocContext
from .quotes import QUOTE_CHARS


def quote_for(ctx: DocContext, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """If the content lies inside a quotation, the whole quotation group."""
    if len(spans) != 1:
        return None
    s, e = spans[0]
    q = ctx.quotes
    k = q.containing(s, e)
    if k < 0:
        return None
    return q.group_spans(k)


def adjacent_quote(ctx: DocContext, first_tok: int, last_tok: int) -> list[tuple[int, int]] | None:
    """A quotation right before the cue clause (", he said") or right after it."""
    text = ctx.text
    q = ctx.quotes
    if not q.spans:
        return None
    cs = ctx.cs(first_tok)
    ce = ctx.ce(last_tok)
    # before: quotation ends within punctuation/space before the clause
    j = cs
    while j > 0 and (text[j - 1] in " \t\xa0,;–—-"):
        j -= 1
    if j > 0 and text[j - 1] in QUOTE_CHARS:
        k = q.containing(j - 1, j)
        if k >= 0 and q.spans[k][1] == j:
            return q.group_spans(k)
    # after: "said: “...”" or "said, “...”"
    j = ce
    while j < len(text) and text[j] in " \t\xa0,:–—-":
        j += 1
    if j < len(text) and text[j] in QUOTE_CHARS:
        k = q.containing(j, j + 1)
        if k >= 0 and q.spans[k][0] == j:
            return q.group_spans(k)
    return None


def continue_quote(ctx: DocContext, content: list[tuple[int, int]], t: Token) -> list[tuple[int, int]]:
    """'“A,” he said. “B.”': add the quotations that open the following sentences."""
    text = ctx.text
    q = ctx.quotes
    if not content:
        return content
    last_end = content[-1][1]
    seg_e = ctx.seg_range(t.i)[1]
    # the cue must come after the quotation, at the end of its sentence
    if ctx.cs(t.i) < last_end:
        return content
    out = list(content)
    # '“A,” she said, “and B.”': a quotation that resumes right after the cue clause
    nxt = resumed_quote(ctx, t, seg_e)
    if nxt is not None:
        out.append(nxt)
        last_end = nxt[1]
    k = t.i
    while k + 1 < len(ctx.doc) and ctx.para_of[k + 1] == ctx.para_of[t.i] \
            and not (ctx.doc[k + 1].text[:1] in QUOTE_CHARS and ctx.doc[k].text in ".!?") \
            and k + 1 < seg_e:
        k += 1
    pos = ctx.ce(k)
    for _ in range(8):
        j = pos
        while j < len(text) and text[j] in " \t":
            j += 1
        if j >= len(text) or text[j] not in QUOTE_CHARS:
            break
        k = q.containing(j, j + 1)
        if k < 0 or q.spans[k][0] != j:
            break
        qs, qe = q.spans[k]
        if "\n" in text[pos:qs]:
            break
        rest = text[qe:]
        m = 0
        while m < len(rest) and rest[m] in " \t.,;!?":
            m += 1
        inner = text[qs:qe].rstrip("\"“”‘’«»„' ")
        if m < len(rest) and rest[m] not in "\n" and rest[m] not in QUOTE_CHARS \
                and not (inner[-1:] in (".", "?", "!", "…") and m > 0):
            break
        out.append((qs, qe))
        pos = qe
    return out


def resumed_quote(ctx: DocContext, t: Token, seg_e: int) -> tuple[int, int] | None:
    """The quotation that resumes after '“A,” X said,' in the same sentence."""
    doc = ctx.doc
    k = t.i + 1
    limit = min(seg_e, t.i + 20)
    while k < limit and doc[k].text not in QUOTE_CHARS and doc[k].text[:1] not in QUOTE_CHARS:
        tok = doc[k]
        # only the cue clause itself: inverted subject, adverbs, prepositional phrases
        h = tok
        ok = False
        for _ in range(12):
            if h.head.i == t.i:
                ok = h.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "parataxis", "dobj") \
                    or (h.dep_ == "dobj" and h.pos_ in ("PROPN", "NOUN", "PRON") and h.i < k + 8)
                break
            if h.head.i == h.i or h.pos_ in ("VERB", "AUX") and h.dep_ != "relcl":
                break
            h = h.head
        if not ok and not tok.is_punct:
            return None
        k += 1
    if k >= limit or k == t.i + 1:
        return None
    between = ctx.text[ctx.ce(k - 1) if k - 1 > t.i else ctx.ce(t.i):ctx.cs(k)]
    if doc[k - 1].text not in (",", ":") or between.strip():
        return None
    j = ctx.cs(k)
    q = ctx.quotes
    qi = q.containing(j, j + 1)
    if qi < 0 or q.spans[qi][0] != j:
        return None
    qs, qe = q.spans[qi]
    if "\n" in ctx.text[qs:qe] and ctx.para_of[k] != ctx.para_of[t.i]:
        return None
    return qs, qe
