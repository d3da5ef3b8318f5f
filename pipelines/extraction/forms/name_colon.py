"""Name and colon: 'Smith: We need more money.' (transcripts, headline attributions) and
'… Philip Bump: “Two weeks ago …”' (a named person or organisation, a colon, a quotation).
A segment form: it reads each segment (sentence or line) after the token forms."""

from __future__ import annotations

from .. import lexicon as lx
from ..candidates import Candidate
from ..context import DocContext
from ..quotations import adjacent_quote
from ..quotes import QUOTE_CHARS
from ..spans import content_from_tokens
from . import Example, Form


def extract(ctx: DocContext, seg_s: int, seg_e: int) -> list[Candidate]:
    """'Smith: We need more money.' (transcripts, headline attributions)."""
    doc = ctx.doc
    while seg_s < seg_e and doc[seg_s].is_space:
        seg_s += 1
    colon = -1
    for k in range(seg_s + 1, min(seg_e, seg_s + 6)):
        if doc[k].text == ":":
            colon = k
            break
        if not (doc[k - 1].text[:1].isupper() or doc[k - 1].text in (".", "-", "'s", "’s")):
            break
    if colon >= 0 and not doc[colon - 1].text[:1].isupper():
        return []
    if colon < 0:
        return quote_after_name(ctx, seg_s, seg_e)
    name = range(seg_s, colon)
    if len(name) == 1 and len(doc[seg_s].text) == 1:
        return []  # "Q:" / "A:" in interview transcripts name no source
    if doc[seg_s].lower_ in lx.PAGE_LABEL_WORDS:
        return []
    labels = {doc[k].ent_type_ for k in name}
    caps = all(doc[k].text.isupper() for k in name if doc[k].is_alpha)
    docnoun = doc[colon - 1].lemma_.lower() in lx.EVIDENCE_NOUNS
    known = doc[colon - 1].lower_ in ctx.name_words
    if not (labels & {"PERSON", "ORG"} or (caps and len(name) <= 2) or docnoun or known):
        return []
    para = ctx.para_of[colon]
    end = colon + 1
    while end < len(doc) and ctx.para_of[end] == para and not (
            doc[end].is_space and "\n" in doc[end].text):
        end += 1
    quoted = adjacent_quote(ctx, colon, colon)  # "Smith: “…”" is the quotation only
    content = quoted or content_from_tokens(ctx, colon + 1, end, colon)
    if not content:
        return []
    return [Candidate(cue=[(colon, colon + 1)], anchor=colon, content=content,
                     source=(seg_s, colon), source_head=colon - 1, form=FORM.name,
                     confidence=FORM.confidence, lemma=":", content_quote=bool(quoted))]


def quote_after_name(ctx: DocContext, seg_s: int, seg_e: int) -> list[Candidate]:
    """'… - Philip Bump: “Two weeks ago …”', 'Here's Clinton in 1992: “…”': a named
    person or organisation, a colon, and a quotation."""
    doc = ctx.doc
    found = []
    for k in range(seg_s + 1, seg_e - 1):
        if doc[k].text != ":":
            continue
        j = ctx.ce(k)
        while j < len(ctx.text) and ctx.text[j] == " ":
            j += 1
        q = ctx.quotes.containing(j, j + 1) if j < len(ctx.text) and ctx.text[j] in QUOTE_CHARS else -1
        if q < 0 or ctx.quotes.spans[q][0] != j:
            continue
        name = next((e for e in ctx.doc_ents if e.end == k and e.label_ in ("PERSON", "ORG")), None)
        if name is None:
            continue
        s = name.start
        # "Frank Newport and Jim Harter"
        if s >= 2 and doc[s - 1].lower_ == "and" and doc[s - 2].ent_type_ == "PERSON":
            s = next((e.start for e in ctx.doc_ents if e.end == s - 1), s)
        content = ctx.quotes.group_spans(q)
        found.append(Candidate(cue=[(k, k + 1)], anchor=k, content=content, source=(s, k),
                               source_head=k - 1, form=FORM.name, confidence=FORM.confidence, lemma=":",
                               content_quote=True))
    return found


FORM = Form(
    name="name_colon", summary="Smith: Y; … Philip Bump: “Y”", trigger=None, extract=extract,
    confidence=0.6,
    extracts=(Example("Senator Maria Lopez: We need more money for the schools.", ":", "Senator Maria Lopez",
                      "We need more money for the schools"),),
    ignores=(Example("Q: Will the school reopen?", ":"),),
)
