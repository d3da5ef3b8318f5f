"""What every form reads of one parsed document: its segments, paragraphs, quotations,
entities and character offsets, computed once when the context is built."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .entities import EntityIndex
from .quotes import Quotes
from .spans import is_complementizer


class DocContext:
    """One parsed document and the indexes the forms share, all built with it; only the
    memo of cue-verb readings fills as the forms run."""

    def __init__(self, doc: Doc, doc_id: str, published_at: date | None):
        self.doc = doc
        self.text = doc.text
        self.doc_id = doc_id
        self.published_at = published_at
        self.seg_of, self.seg_bounds, self.para_of = _segments(doc)
        self.quotes = Quotes(self.text)
        self.doc_ents = doc.ents  # Doc.ents walks every token on each access: read it once
        self.ents = EntityIndex(doc, doc_id, self.seg_of, self.text, self.doc_ents)
        # char offsets of complementizer "that" ("said that …"), the only one trimmed
        self.that_marks = frozenset(t.idx for t in doc if is_complementizer(t))
        # words of the document's person and organisation names: a title-case headline
        # ("Cruz: Trump Would …") is not tagged, the same name in the body is
        self.name_words = frozenset(t.lower_ for e in self.doc_ents if e.label_ in ("PERSON", "ORG")
                                    for t in e if t.is_alpha and t.text[:1].isupper())
        self.date_ents_by_seg: dict[int, list] = {}
        for ent in self.doc_ents:
            if ent.label_ in ("DATE", "TIME"):
                self.date_ents_by_seg.setdefault(self.seg_of[ent.start], []).append(ent)
        self.verb_cues: dict = {}  # token index -> its reading as a cue verb (verb_cue.py)

    def cs(self, i: int) -> int:
        """Character offset where token i starts."""
        return self.doc[i].idx

    def ce(self, i: int) -> int:
        """Character offset where token i ends."""
        t = self.doc[i]
        return t.idx + len(t.text)

    def quoted(self, i: int) -> bool:
        """Token i lies inside a quotation: someone else's words, not the article's."""
        return self.quotes.containing(self.cs(i), self.ce(i)) >= 0

    def char_range(self, s: int, e: int) -> tuple[int, int]:
        return self.cs(s), self.ce(e - 1)

    def seg_range(self, i: int) -> tuple[int, int]:
        """Token range of i's segment, without trailing whitespace tokens."""
        s, e = self.seg_bounds[self.seg_of[i]]
        while e > s and self.doc[e - 1].is_space:
            e -= 1
        return s, e


def _segments(doc: Doc) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """Segments (spaCy sentences further split at line breaks) and paragraphs per token."""
    n = len(doc)
    seg_of = [0] * n
    seg_bounds: list[tuple[int, int]] = []
    para_of = [0] * n
    seg = -1
    para = 0
    start = 0
    prev_break = True
    for t in doc:
        if t.is_space and "\n" in t.text:
            para_of[t.i] = para
            seg_of[t.i] = max(seg, 0)
            para += 1
            prev_break = True
            continue
        if prev_break or t.is_sent_start:
            if seg >= 0:
                seg_bounds.append((start, t.i))
            seg += 1
            start = t.i
            prev_break = False
        seg_of[t.i] = seg
        para_of[t.i] = para
    if seg >= 0:
        seg_bounds.append((start, n))
    return seg_of, seg_bounds, para_of
