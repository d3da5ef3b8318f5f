"""Find quotations in raw text by scanning quote marks (O(characters), never raises).

A quotation is a (start, end) character range that includes its quote marks. Pairs:
“…”, «…», „…“/”, "…", the mismatched "…”, “…" and “…“, and ‘…’ when the single marks are not
apostrophes. A double quote
left open at the end of a paragraph that is followed by a paragraph opening with a quote
mark continues there (the news convention); the pieces are returned as one quotation group.
"""

from __future__ import annotations

import bisect

# A straight double quote closing a curly one, or the reverse, is common in edited copy.
OPENERS = {"“": "”\"", "«": "»", "„": "“”", '"': '"”', "‘": "’", "‹": "›"}
DOUBLE_OPEN = "“«„\""
QUOTE_CHARS = frozenset("\"“”‘’«»„‹›'")


def _is_word(ch: str) -> bool:
    return ch.isalnum()


class Quotes:
    """Quotations of one text with fast lookups."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int]] = []  # sorted, non-overlapping, marks included
        self.group: list[int] = []  # group index of each span (continuing paragraphs)
        self._scan(text)
        self._starts = [s for s, _ in self.spans]

    def _scan(self, text: str) -> None:
        n = len(text)
        i = 0
        spans: list[tuple[int, int]] = []
        group: list[int] = []
        continuing = False  # previous paragraph left a double quote open
        gid = -1
        while i < n:
            ch = text[i]
            width = 1
            if ch == "'" and text[i + 1:i + 2] == "'":
                ch, width = "''", 2  # typewriter double quote written as two apostrophes
            elif ch not in OPENERS:
                i += 1
                continue
            if not _opens(text, i, ch):
                i += 1
                continue
            para_end = text.find("\n", i)
            if para_end == -1:
                para_end = n
            found = _closing(text, i, ch, width, para_end)
            if found >= 0:
                if not continuing:
                    gid += 1
                spans.append((i, found + 1))
                group.append(gid)
                continuing = False
                i = found + 1
                continue
            # unclosed: a double quote running to the paragraph end continues when the
            # next paragraph opens with a quote mark
            if (ch in DOUBLE_OPEN or ch == "''") and para_end > i + width:
                k = para_end
                while k < n and text[k].isspace():
                    k += 1
                if k < n and (text[k] in DOUBLE_OPEN or text.startswith("''", k)):
                    if not continuing:
                        gid += 1
                    end = para_end
                    while end > i and text[end - 1].isspace():
                        end -= 1
                    spans.append((i, end))
                    group.append(gid)
                    continuing = True
                    i = para_end
                    continue
            i += width
        self.spans = spans
        self.group = group

    def containing(self, start: int, end: int) -> int:
        """Index of the quotation that contains [start, end), or -1."""
        k = bisect.bisect_right(self._starts, start) - 1
        if k >= 0 and self.spans[k][0] <= start and end <= self.spans[k][1]:
            return k
        return -1

    def overlapping(self, start: int, end: int) -> list[int]:
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while k < len(self.spans) and self.spans[k][0] < end:
            if self.spans[k][1] > start:
                out.append(k)
            k += 1
        return out

    def group_spans(self, k: int) -> list[tuple[int, int]]:
        g = self.group[k]
        return [s for s, gg in zip(self.spans, self.group) if gg == g]



def quote_type(quotes: Quotes, spans: list[tuple[int, int]]) -> str:
    """direct when all of the content is quoted, mixed when part is, indirect otherwise."""
    text = quotes.text
    inside = 0
    total = 0
    for s, e in spans:
        total += sum(1 for c in text[s:e] if c.isalnum())
        for k in quotes.overlapping(s, e):
            qs, qe = quotes.spans[k]
            a, b = max(qs, s), min(qe, e)
            inside += sum(1 for c in text[a:b] if c.isalnum())
    if total == 0 or inside == 0:
        return "indirect"
    if inside >= total:
        return "direct"
    return "mixed"


def _opens(text: str, i: int, ch: str) -> bool:
    """The mark at i opens a quotation: not an apostrophe ("don‘t", a year written "‘08"),
    nor a closing mark left over from an unbalanced quotation."""
    n = len(text)
    if ch == "‘":
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        year = text[i + 1:i + 3].isdigit() and not text[i + 3:i + 4].isdigit()
        if _is_word(prev) or year or not (nxt.isalnum() or nxt in "“\"…"):
            return False
    return not (ch == '"' and i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?;:")
                and (i + 1 == n or text[i + 1].isspace()))


def _closing(text: str, i: int, ch: str, width: int, para_end: int) -> int:
    """Index of the mark that closes the quotation opened by `ch` at i, within its
    paragraph, or -1."""
    n = len(text)
    closers = "''" if ch == "''" else OPENERS[ch]
    j = i + width
    while j < para_end:
        if ch == "''":
            if text.startswith("''", j):
                return j + 1
        elif text[j] in closers or (
                ch == "“" and text[j] == "“" and not text[j - 1].isspace()
                and (j + 1 == n or text[j + 1].isspace())):  # "unusual,“ said"
            if closers == "’" and _is_word(text[j + 1] if j + 1 < n else " "):
                j += 1  # apostrophe inside a word (don’t)
                continue
            return j
        j += 1
    return -1
