"""Arbitration between candidates: which of several candidates becomes a claim.

The rules, in the order they apply:
1. On one cue token, the forms it triggers are tried in declared precedence (forms/); the
   first to find a candidate claims the token (see extractor.py).
2. Two candidates filed under one token by different triggers ('As NPR reported, …' makes
   an as-clause candidate on 'reported', which the verb forms also read): the more
   confident one stays; on a tie, the first found.
3. A hedge adverb on a speech verb's claim joins it ('X reportedly said Y': cue
   'reportedly said', hedged) instead of making a claim of its own.
4. A token that lies in another candidate's cue is no cue of its own.
5. Only the outermost attribution of a nest is a claim ('X said that Y believes Z' is X's),
   the spec's reading of nested attribution; hedges are never outer claims.
6. One content, one claim: of candidates with the same content, the more confident.
"""

from __future__ import annotations

from . import lexicon as lx
from .candidates import Candidate
from .context import DocContext


class Candidates:
    """The candidates of one document, one per cue token."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.by_anchor: dict[int, Candidate] = {}

    def add(self, cand: Candidate) -> None:
        old = self.by_anchor.get(cand.anchor)
        if old is None or cand.confidence > old.confidence:
            self.by_anchor[cand.anchor] = cand

    def holds(self, token_i: int) -> bool:
        return token_i in self.by_anchor

    def settle(self) -> list[Candidate]:
        """The candidates that become claims, in document order."""
        self._merge_hedges()
        taken = {k for c in self.by_anchor.values() for s, e in c.cue for k in range(s, e) if k != c.anchor}
        out = self._outermost([c for c in self.by_anchor.values() if c.anchor not in taken])
        best: dict[tuple, Candidate] = {}
        for c in out:
            key = tuple(c.content)
            if key not in best or c.confidence > best[key].confidence:
                best[key] = c
        out = [c for c in out if best[tuple(c.content)] is c]
        return sorted(out, key=lambda c: c.cue[0][0])

    def _merge_hedges(self) -> None:
        doc = self.ctx.doc
        for a in [a for a, c in self.by_anchor.items() if c.form == "hedge"]:
            v = doc[a].head
            c = self.by_anchor.get(v.i)
            if c is None or c.form == "hedge" or v.i == a:
                continue
            if lx.LEMMA_FIXES.get(v.lower_, v.lemma_.lower()) not in lx.SPEECH_VERBS:
                continue
            del self.by_anchor[a]
            if not any(s <= a < e for s, e in c.cue):
                c.cue = _merged(c.cue + [(a, a + 1)])
            c.hedge = True
            # the hedge word is never part of the content
            hs, he = self.ctx.cs(a), self.ctx.ce(a)
            content = []
            for s, e in c.content:
                if s <= hs and he <= e:
                    content.extend(p for p in ((s, hs), (he, e)) if p[0] < p[1])
                else:
                    content.append((s, e))
            c.content = content

    def _outermost(self, cands: list[Candidate]) -> list[Candidate]:
        pos = {id(c): self.ctx.doc[c.anchor].idx for c in cands}
        seg_of = self.ctx.seg_of
        quotes = self.ctx.quotes

        def inside(c: Candidate, d: Candidate) -> bool:
            p = pos[id(c)]
            if d is c or d.form == "hedge" or not any(s <= p < e for s, e in d.content):
                return False
            # across sentences only inside a quotation (a quote that runs on)
            return seg_of[c.anchor] == seg_of[d.anchor] or quotes.containing(p, p + 1) >= 0

        return [c for c in cands if not any(inside(c, d) and not inside(d, c) for d in cands)]


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
