"""Dependency and surface rules that turn one parsed document into attributed claims.

All rules run in one or a few linear passes over the tokens of the Doc (no re-parsing).
Spans are built from token ranges, then trimmed and aligned to quote marks at character
level, so every span is a slice of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from . import lexicon as lx
from .entities import EntityIndex
from .quotes import QUOTE_CHARS, Quotes

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
SAYING_FORMS = frozenset(("saying", "concluding", "telling", "warning", "adding", "stating",
                          "writing", "explaining", "claiming", "arguing", "noting",
                          "describing", "calling", "insisting", "suggesting", "predicting",
                          "acknowledging", "admitting", "asking", "urging"))
RELAY_FORMS = frozenset(("quoted", "quotes", "quoting", "quote", "cited", "cites", "citing",
                         "cite"))
REL_PRONOUNS = frozenset(("who", "which", "that", "whom"))
_NUM_RE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|"
    r"millions|billion|billions|trillion|dozen|dozens|half|third|thirds|quarter|quarters|"
    r"percent|twice|double|triple|tenfold)\b",
    re.I,
)
# Objects as content ("denied the report", "called for a ban"): on; the filters in
# `Extractor.plausible` keep them to actors
OBJECT_CONTENT = True
# PolNeAR-style: only the outermost attribution of a nest is a claim ("all" keeps every one)
NESTED = "outermost"
# noun cues with a prepositional or infinitive content ("her criticism of X") are
# annotated too inconsistently to pay off; only "X's claim that Y" is used
NOUN_PREP_CONTENT = False
# "X seems/appears to Y" as a claim with an implicit source (PolNeAR counts impressions)
IMPRESSIONS = True
# generic holders: "anyone who says …", "everyone knows …"
GENERIC_PRONOUNS = frozenset("anyone anybody everyone everybody whoever nobody".split())
# Subjects that point back at the text itself ("that suggests", "this shows").
DEMONSTRATIVES = frozenset("this that these those it".split())
FIRST_SECOND_PERSON = frozenset("i me we us you".split())
# Verbs that make a stretch of text a claim of its own ("…,” said X", "Asked whether …").
OWN_CLAIM_VERBS = lx.CORE_REPORTING_VERBS | {"ask"}
GENERIC_MODALS = frozenset("can could should must might may".split())
# "declined to answer questions": an answer verb whose object is no content
ANSWER_VERBS = frozenset("answer take return address respond reply field entertain".split())
NO_CONTENT_OBJECTS = frozenset("""
question questions request requests inquiry inquiries query queries call calls message
messages email emails comment comments interview interviews
""".split())
EDGE_PUNCT = set(",.;:!?-–—()[]{}…/\\|*•·")


@dataclass
class Cand:
    cue: list[tuple[int, int]]  # token ranges [s, e)
    anchor: int  # main cue token index
    content: list[tuple[int, int]]  # char spans (pre-trim)
    source: tuple[int, int] | None = None  # token range
    source_head: int = -1
    via: tuple[int, int] | None = None
    via_head: int = -1
    kind: str = "verb"
    conf: float = 0.8
    hedge: bool = False
    lemma: str = ""
    content_quote: bool = False  # content taken from a quotation


class DocContext:
    def __init__(self, doc: Doc, doc_id: str, published_at: date | None):
        self.doc = doc
        self.text = doc.text
        self.doc_id = doc_id
        self.pub = published_at
        n = len(doc)
        # segments: spaCy sentences additionally split at line breaks
        self.seg_of = [0] * n
        self.seg_bounds: list[tuple[int, int]] = []
        self.para_of = [0] * n
        seg = -1
        para = 0
        start = 0
        prev_break = True
        for t in doc:
            if t.is_space and "\n" in t.text:
                self.para_of[t.i] = para
                self.seg_of[t.i] = max(seg, 0)
                para += 1
                prev_break = True
                continue
            if prev_break or t.is_sent_start:
                if seg >= 0:
                    self.seg_bounds.append((start, t.i))
                seg += 1
                start = t.i
                prev_break = False
            self.seg_of[t.i] = seg
            self.para_of[t.i] = para
        if seg >= 0:
            self.seg_bounds.append((start, n))
        self.quotes = Quotes(self.text)
        self.doc_ents = doc.ents  # Doc.ents walks every token on each access: read it once
        self.ents = EntityIndex(doc, doc_id, self.seg_of, self.text, self.doc_ents)
        # char offsets of complementizer "that" ("said that …"), the only one trimmed
        self.that_marks = frozenset(t.idx for t in doc if _complementizer(t))
        # words of the document's person and organisation names: a title-case headline
        # ("Cruz: Trump Would …") is not tagged, the same name in the body is
        self.name_words = frozenset(t.lower_ for e in self.doc_ents if e.label_ in ("PERSON", "ORG")
                                    for t in e if t.is_alpha and t.text[:1].isupper())

    # -- char helpers --------------------------------------------------------------
    def cs(self, i: int) -> int:
        return self.doc[i].idx

    def ce(self, i: int) -> int:
        t = self.doc[i]
        return t.idx + len(t.text)

    def quoted(self, i: int) -> bool:
        """Token i lies inside a quotation: someone else's words, not the article's."""
        return self.quotes.containing(self.cs(i), self.ce(i)) >= 0

    def char_range(self, s: int, e: int) -> tuple[int, int]:
        return self.cs(s), self.ce(e - 1)

    def seg_range(self, i: int) -> tuple[int, int]:
        s, e = self.seg_bounds[self.seg_of[i]]
        # drop trailing whitespace tokens
        while e > s and self.doc[e - 1].is_space:
            e -= 1
        return s, e


# ---------------------------------------------------------------------------------
# span trimming


def _complementizer(t: Token) -> bool:
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


def _trim_chars(text: str, s: int, e: int, quotes: Quotes, drop_that: bool = True,
                marks: frozenset[int] | set[int] | None = None) -> tuple[int, int]:
    """Trim whitespace/punctuation at the edges and a leading complementizer 'that';
    align to quotes.

    A leading 'that' is dropped only when it is followed by whitespace or a comma (never
    "that's")
    and, when ``marks`` (char offsets of complementizer 'that' tokens, dep ``mark``) is
    given, only when it is one of them: a demonstrative ("That moment showed …") stays."""
    for _ in range(4):
        while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCT):
            e -= 1
        if drop_that and text[s:s + 4].lower() == "that" and s + 4 < e and (
                text[s + 4].isspace() or text[s + 4] == "," and marks is not None) \
                and (marks is None or s in marks):
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


# ---------------------------------------------------------------------------------
# the extractor


class Extractor:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.doc = ctx.doc
        self.cands: dict[int, Cand] = {}

    # -- helpers -------------------------------------------------------------------
    def subject_of(self, t: Token, depth: int = 0) -> Token | None:
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
            return self.subject_of(t.head, depth + 1)
        return None

    def name_after_quote(self, t: Token) -> Token | None:
        """'“…,” Ramos, 58, told AFP': the parser leaves the verb without a subject; the
        noun phrase between the closing quotation and the verb is the speaker."""
        doc = self.doc
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

    def np_range(self, head: Token, exclude: Token | None = None) -> tuple[int, int]:
        s, e = head.left_edge.i, head.right_edge.i + 1
        doc = self.doc
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
        seg_s, seg_e = self.ctx.seg_range(head.i)
        return max(s, seg_s), min(e, seg_e)

    def cue_ranges(self, t: Token) -> list[tuple[int, int]]:
        s = t.i
        for c in t.lefts:
            if c.dep_ in ("aux", "auxpass", "neg") and c.i < t.i:
                s = min(s, c.i)
        # only keep a contiguous run of aux/neg/adverbs
        if s < t.i:
            ok = all(
                self.doc[k].head.i == t.i and self.doc[k].dep_ in ("aux", "auxpass", "neg", "advmod")
                for k in range(s, t.i)
            )
            if not ok:
                s = t.i
        e = t.i + 1
        for c in t.rights:
            if c.dep_ == "prt" and c.i == e:
                e += 1
        return [(s, e)]

    def content_from_tokens(self, s: int, e: int, cue_i: int, exclude: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
        """Char spans for tokens [s, e) minus excluded token ranges, within the paragraph."""
        ctx = self.ctx
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

    def quote_for(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """If the content lies inside a quotation, the whole quotation group."""
        if len(spans) != 1:
            return None
        s, e = spans[0]
        q = self.ctx.quotes
        k = q.containing(s, e)
        if k < 0:
            return None
        return q.group_spans(k)

    def adjacent_quote(self, first_tok: int, last_tok: int) -> list[tuple[int, int]] | None:
        """A quotation right before the cue clause (", he said") or right after it."""
        ctx = self.ctx
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

    def add(self, cand: Cand) -> None:
        old = self.cands.get(cand.anchor)
        if old is None or cand.conf > old.conf:
            self.cands[cand.anchor] = cand

    # -- rules ---------------------------------------------------------------------
    def run(self) -> list[Cand]:
        doc = self.doc
        ins = []
        for t in doc:
            lw = t.lower_
            if lw == "in":
                ins.append(t.i)
            elif t.pos_ == "NOUN" and t.lemma_.lower() in lx.STANCE_NOUNS and self.rule_noun(t):
                pass
            elif t.pos_ == "NOUN" and t.dep_ == "dobj" and t.lemma_.lower() in lx.RECEIVED_STANCE_NOUNS \
                    and t.head.lemma_.lower() in lx.RECEIVING_VERBS and self.rule_received_stance(t):
                pass
            elif lw == "according":
                self.rule_according(t)
            elif lw == "as" and t.dep_ == "mark" and t.head.dep_ == "advcl":
                self.rule_as_clause(t, t.head)
            elif lw in lx.HEDGE_ADVERBS:
                self.rule_hedge(t)
            elif lw in RELAY_FORMS:
                if not self.rule_relay(t):
                    self.rule_verb(t)
            elif t.lemma_.lower() in lx.LIGHT_VERBS and t.pos_ in ("VERB", "AUX"):
                if not self.rule_position(t):
                    self.rule_verb(t)
            elif t.lemma_.lower() in lx.ANY_CUE_VERBS or lw in lx.ANY_CUE_VERBS \
                    or lw in lx.LEMMA_FIXES:
                self.rule_verb(t)
            elif IMPRESSIONS and t.lemma_.lower() in lx.RAISING_VERBS and t.pos_ in ("VERB", "AUX"):
                self.rule_raising(t)
            elif t.pos_ == "ADJ" and t.dep_ == "acomp" and t.lemma_.lower() in lx.STANCE_ADJECTIVES:
                self.rule_stance_adjective(t)
        for seg_s, seg_e in self.ctx.seg_bounds:
            self.rule_name_colon(seg_s, seg_e)
        for i in ins:
            self.rule_in_document(doc[i])
        self.merge_hedges()
        # a token that is part of another candidate's cue is not a cue of its own
        taken = {}
        for c in self.cands.values():
            for s, e in c.cue:
                for k in range(s, e):
                    if k != c.anchor:
                        taken[k] = c.anchor
        out = [c for c in self.cands.values() if c.anchor not in taken]
        if NESTED == "outermost":
            out = self.outermost(out)
        # one quotation or clause is one claim: of two candidates with the same content,
        # the more confident cue is kept ("said" over a colon before the same quote)
        best: dict[tuple, Cand] = {}
        for c in out:
            key = tuple(c.content)
            if key not in best or c.conf > best[key].conf:
                best[key] = c
        out = [c for c in out if best[tuple(c.content)] is c]
        return sorted(out, key=lambda c: c.cue[0][0])

    def merge_hedges(self) -> None:
        """'X reportedly said Y': one claim, the speech verb's, with the hedge in its cue
        (cue 'reportedly said', hedged) instead of a separate hedge claim."""
        doc = self.doc
        ctx = self.ctx
        for a in [a for a, c in self.cands.items() if c.kind == "hedge"]:
            h = doc[a]
            v = h.head
            c = self.cands.get(v.i)
            if c is None or c.kind == "hedge" or v.i == a:
                continue
            lemma = lx.LEMMA_FIXES.get(v.lower_, v.lemma_.lower())
            if lemma not in lx.SPEECH_VERBS:
                continue
            del self.cands[a]
            if not any(s <= a < e for s, e in c.cue):
                rngs = sorted(c.cue + [(a, a + 1)])
                merged: list[tuple[int, int]] = []
                for s, e in rngs:
                    if merged and s <= merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                    else:
                        merged.append((s, e))
                c.cue = merged
            c.hedge = True
            # the hedge word is never part of the content
            hs, he = ctx.cs(a), ctx.ce(a)
            content = []
            for s, e in c.content:
                if s <= hs and he <= e:
                    content.extend(p for p in ((s, hs), (he, e)) if p[0] < p[1])
                else:
                    content.append((s, e))
            c.content = content

    def outermost(self, cands: list[Cand]) -> list[Cand]:
        """Drop attributions whose cue lies inside another claim's content ('X said that Y
        believes Z' is one claim, X's); hedges do not count as outer claims."""
        doc = self.doc
        pos = {id(c): doc[c.anchor].idx for c in cands}

        seg_of = self.ctx.seg_of
        quotes = self.ctx.quotes

        def inside(c: Cand, d: Cand) -> bool:
            p = pos[id(c)]
            if d is c or d.kind == "hedge" or not any(s <= p < e for s, e in d.content):
                return False
            # across sentences only inside a quotation (a quote that runs on)
            return seg_of[c.anchor] == seg_of[d.anchor] or quotes.containing(p, p + 1) >= 0

        keep = []
        for c in cands:
            if not any(inside(c, d) and not inside(d, c) for d in cands):
                keep.append(c)
        return keep

    def rule_name_colon(self, seg_s: int, seg_e: int) -> None:
        """'Smith: We need more money.' (transcripts, headline attributions)."""
        doc = self.doc
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
            return
        if colon < 0:
            self.quote_after_name_colon(seg_s, seg_e)
            return
        name = range(seg_s, colon)
        if len(name) == 1 and len(doc[seg_s].text) == 1:
            return  # "Q:" / "A:" in interview transcripts name no source
        if doc[seg_s].lower_ in lx.PAGE_LABEL_WORDS:
            return
        labels = {doc[k].ent_type_ for k in name}
        caps = all(doc[k].text.isupper() for k in name if doc[k].is_alpha)
        docnoun = doc[colon - 1].lemma_.lower() in lx.EVIDENCE_NOUNS
        known = doc[colon - 1].lower_ in self.ctx.name_words
        if not (labels & {"PERSON", "ORG"} or (caps and len(name) <= 2) or docnoun or known):
            return
        para = self.ctx.para_of[colon]
        end = colon + 1
        while end < len(doc) and self.ctx.para_of[end] == para and not (
                doc[end].is_space and "\n" in doc[end].text):
            end += 1
        quoted = self.adjacent_quote(colon, colon)  # "Smith: “…”" is the quotation only
        content = quoted or self.content_from_tokens(colon + 1, end, colon)
        if not content:
            return
        self.add(Cand(cue=[(colon, colon + 1)], anchor=colon, content=content,
                      source=(seg_s, colon), source_head=colon - 1, kind="name_colon",
                      conf=0.6, lemma=":", content_quote=bool(quoted)))

    def quote_after_name_colon(self, seg_s: int, seg_e: int) -> None:
        """'… - Philip Bump: “Two weeks ago …”', 'Here's Clinton in 1992: “…”': a named
        person or organisation, a colon, and a quotation."""
        doc = self.doc
        ctx = self.ctx
        for k in range(seg_s + 1, seg_e - 1):
            if doc[k].text != ":":
                continue
            j = ctx.ce(k)
            while j < len(ctx.text) and ctx.text[j] == " ":
                j += 1
            q = ctx.quotes.containing(j, j + 1) if j < len(ctx.text) and ctx.text[j] in QUOTE_CHARS else -1
            if q < 0 or ctx.quotes.spans[q][0] != j:
                continue
            name = next((e for e in self.ctx.doc_ents if e.end == k and e.label_ in ("PERSON", "ORG")), None)
            if name is None:
                continue
            s = name.start
            # "Frank Newport and Jim Harter"
            if s >= 2 and doc[s - 1].lower_ == "and" and doc[s - 2].ent_type_ == "PERSON":
                s = next((e.start for e in self.ctx.doc_ents if e.end == s - 1), s)
            content = ctx.quotes.group_spans(q)
            self.add(Cand(cue=[(k, k + 1)], anchor=k, content=content, source=(s, k),
                          source_head=k - 1, kind="name_colon", conf=0.6, lemma=":",
                          content_quote=True))

    def rule_noun(self, t: Token) -> bool:
        """'Trump's claim that Y', 'her criticism of Y', 'the mayor's decision to Y'."""
        poss = next((c for c in t.children if c.dep_ == "poss"), None)
        if poss is None:
            return False
        lemma = t.lemma_.lower()
        preps = lx.STANCE_NOUNS[lemma]
        content = None
        cue = [(t.i, t.i + 1)]
        for c in t.rights:
            if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX"):
                mark = next((m for m in c.children if m.dep_ == "mark"), None)
                to = any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                if (mark is not None and mark.lower_ == "that" and c.dep_ != "relcl") or (
                        to and c.dep_ == "acl" and NOUN_PREP_CONTENT):
                    content = (c.left_edge.i, c.right_edge.i + 1)
                    break
            if NOUN_PREP_CONTENT and c.dep_ == "prep" and c.lower_ in preps and c.i == t.i + 1:
                pobj = self.prep_object(c)
                if pobj is not None:
                    content = (c.i + 1, c.right_edge.i + 1)
                    cue = [(t.i, c.i + 1)]
                    break
        if content is None:
            return False
        content_sp = self.content_from_tokens(content[0], content[1], t.i)
        if not content_sp:
            return False
        src = self.np_range(poss)
        # the possessive marker is not part of the source
        if src[1] - src[0] > 1 and self.doc[src[1] - 1].dep_ == "case":
            src = (src[0], src[1] - 1)
        self.add(Cand(cue=cue, anchor=t.i, content=content_sp, source=src, source_head=poss.i,
                      kind="noun", conf=0.55, lemma=lemma))
        return True

    def rule_received_stance(self, noun: Token) -> bool:
        """'The plan drew criticism from X' (X criticised the plan), 'Obama has faced
        criticism for Y' (an unnamed source criticised Obama for Y)."""
        verb = noun.head
        if any(g.dep_ == "neg" for g in verb.children) or any(
                g.dep_ == "det" and g.lower_ == "no" for g in noun.children):
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in FIRST_SECOND_PERSON or subj.lower_ in DEMONSTRATIVES and subj.lower_ != "it":
            return False  # "we faced criticism": the writer's side; "this drew praise"
        preps = [c for c in list(noun.rights) + list(verb.rights)
                 if c.dep_ == "prep" and c.i > noun.i and self.prep_object(c) is not None]
        reason = next((c for c in preps if c.lower_ in ("for", "over", "about")
                       and not self.time_phrase(c)
                       and not any(g.lemma_.lower() == "reason" for g in c.subtree)),
                      None)  # not "for a number of reasons"
        source = next((c for c in preps if c.lower_ == "from" and self.is_actor(self.prep_object(c).i)),
                      None)  # not "from the start"
        if source is None and reason is None:
            return False
        content = self.content_from_tokens(subj.left_edge.i, subj.right_edge.i + 1, verb.i)
        if reason is not None:
            content += self.content_from_tokens(reason.i + 1, reason.right_edge.i + 1, verb.i)
        src, shead = None, -1
        if source is not None:
            pobj = self.prep_object(source)
            end = pobj.right_edge.i + 1
            if reason is not None and pobj.i < reason.i < end:
                end = reason.i  # "complaints from constituents about the delays"
            src, shead = (pobj.left_edge.i, end), pobj.i
        cue = [(verb.i, noun.i + 1)] if noun.i - verb.i <= 3 else [(verb.i, verb.i + 1), (noun.i, noun.i + 1)]
        self.add(Cand(cue=cue, anchor=noun.i, content=content, source=src, source_head=shead,
                      kind="received", conf=0.6, lemma=noun.lemma_.lower(), hedge=src is None))
        return True

    @staticmethod
    def prep_object(prep: Token) -> Token | None:
        """What a preposition governs: its noun ('of the plan') or clause ('of lying')."""
        return next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)

    def time_phrase(self, prep: Token) -> bool:
        """'for years', 'over the weekend', 'for the second time': when, not why."""
        obj = self.prep_object(prep)
        return obj is not None and (obj.ent_type_ in ("DATE", "TIME")
                                    or obj.lemma_.lower() in lx.RELATIVE_ADVERB_NOUNS)

    def rule_in_document(self, t: Token) -> None:
        """'In a new poll, X leads by ten points': the poll is the source, 'in' the cue."""
        if t.dep_ != "prep":
            return
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in lx.EVIDENCE_NOUNS or pobj.tag_ != "NN":
            return
        # a particular poll or report ("a new Fox poll"), not "in the polls"
        if not any(c.dep_ in ("compound", "amod", "nmod", "poss", "acl", "npadvmod") for c in pobj.children):
            return
        head = t.head
        hops = 0
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 3:
            head = head.head
            hops += 1
        if head.pos_ not in ("VERB", "AUX") or head.i in self.cands:
            return
        if head.lemma_.lower() in lx.ANY_CUE_VERBS or any(c.dep_ == "prep" and c.lower_ == "according" for c in head.children):
            return
        seg_s, seg_e = self.ctx.seg_range(t.i)
        cs, ce = max(head.left_edge.i, seg_s), min(head.right_edge.i + 1, seg_e)
        src = self.np_range(pobj)
        excl = [(t.i, max(src[1], t.i + 1))]
        content = self.content_from_tokens(cs, ce, t.i, excl)
        if content:
            self.add(Cand(cue=[(t.i, t.i + 1)], anchor=t.i, content=content, source=src,
                          source_head=pobj.i, kind="in_document", conf=0.6, lemma="in"))

    def rule_as_clause(self, mark: Token, v: Token) -> None:
        """'As NPR reported, Y' / 'Y, as one economist put it': a speech or evidence verb
        in an as-clause attributes the clause it modifies."""
        doc = self.doc
        lemma = v.lemma_.lower()
        said_it = lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in v.children)
        if not (said_it or lemma in lx.SPEECH_VERBS or lemma in lx.EVIDENCE_VERBS):
            return
        if any(c.dep_ in ("ccomp", "dobj") for c in v.children) and not said_it:
            return  # "as he announced his bid": the verb has its own object
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        head = v.head
        if subj is None or head.pos_ not in ("VERB", "AUX") or mark.i != v.left_edge.i:
            return
        seg_s, seg_e = self.ctx.seg_range(v.i)
        clause_s, clause_e = v.left_edge.i, v.right_edge.i + 1
        if clause_e < len(doc) and doc[clause_e].text == ",":
            clause_e += 1
        if clause_s > seg_s and doc[clause_s - 1].text == ",":
            clause_s -= 1
        content = self.content_from_tokens(max(head.left_edge.i, seg_s), min(head.right_edge.i + 1, seg_e),
                                           v.i, [(clause_s, clause_e)])
        if not content:
            return
        cue_end = v.i + 1 + (1 if said_it and v.i + 1 < len(doc) and doc[v.i + 1].lower_ == "it" else 0)
        self.add(Cand(cue=[(v.i, cue_end)], anchor=v.i, content=content, source=self.np_range(subj),
                      source_head=subj.i, kind="as_clause", conf=0.75, lemma=lemma))

    def rule_according(self, t: Token) -> None:
        doc = self.doc
        if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            return
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return
        src = self.np_range(pobj)
        head = t.head
        hops = 0
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 3:
            head = head.head
            hops += 1
        seg_s, seg_e = self.ctx.seg_range(t.i)
        if head.i == t.i:
            cs, ce = seg_s, seg_e
        else:
            cs, ce = head.left_edge.i, head.right_edge.i + 1
        cs, ce = max(cs, seg_s), min(ce, seg_e)
        excl = [(t.i, max(src[1], to.i + 1))]
        content = self.content_from_tokens(cs, ce, t.i, excl)
        self.add(Cand(cue=[(t.i, t.i + 2)], anchor=t.i, content=content, source=src,
                      source_head=pobj.i, kind="according", conf=0.9, lemma="according to"))

    def rule_hedge(self, t: Token) -> None:
        head = t.head if t.head.i != t.i else t
        if head.pos_ == "ADJ" and head.i != t.i and head.dep_ in ("amod", "compound"):
            return  # "the allegedly moderate Democrats": a qualified description
        if self.ctx.quoted(t.i):
            return  # a hedge inside someone's quotation is part of that quotation
        seg_s, seg_e = self.ctx.seg_range(t.i)
        if head.pos_ in ("VERB", "AUX"):
            # the whole clause, subject included
            cs, ce = head.left_edge.i, head.right_edge.i + 1
        else:
            cs, ce = seg_s, seg_e
        cs, ce = max(cs, seg_s), min(ce, seg_e)
        content = self.content_from_tokens(cs, ce, t.i)
        self.add(Cand(cue=[(t.i, t.i + 1)], anchor=t.i, content=content, kind="hedge",
                      conf=0.75, hedge=True, lemma=t.lower_))

    def rule_relay(self, t: Token) -> bool:
        """'X quoted/cited Z as saying Y': source Z, via X, cue 'quoted … as saying'."""
        doc = self.doc
        seg_s, seg_e = self.ctx.seg_range(t.i)
        as_i = -1
        for k in range(t.i + 1, min(seg_e - 1, t.i + 25)):
            if doc[k].lower_ == "as" and doc[k + 1].tag_ == "VBG" or (
                doc[k].lower_ == "as" and doc[k + 1].lower_ in SAYING_FORMS
            ):
                as_i = k
                break
        if as_i < 0 or as_i == t.i + 1:
            return False
        vbg = doc[as_i + 1]
        # source: tokens between relay verb and "as"
        src = (t.i + 1, as_i)
        # via: the subject of the relay verb, else the noun phrase right before it
        via = None
        via_head = -1
        subj = next((c for c in t.children if c.dep_ in ("nsubj",)), None)
        if subj is not None:
            via = self.np_range(subj)
            via_head = subj.i
        else:
            k = t.i - 1
            while k >= seg_s and doc[k].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") and not doc[k].is_punct:
                k -= 1
            if k + 1 < t.i:
                via = (k + 1, t.i)
                via_head = t.i - 1
        # source head: a name inside, else the last noun before "as"
        shead = -1
        for k in range(as_i - 1, t.i, -1):
            if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
                shead = k
                break
        if shead < 0:
            return False
        # content: after the -ing verb (and "that") to the end of the sentence
        content = self.content_from_tokens(as_i + 2, seg_e, t.i)
        if not content:
            return False
        cq = self.adjacent_quote(as_i, as_i + 1)
        cand = Cand(cue=self.cue_ranges(t)[:1] + [(as_i, as_i + 2)], anchor=t.i, content=content,
                    source=src, source_head=shead, via=via, via_head=via_head, kind="relay",
                    conf=0.9, lemma=f"{t.lemma_.lower()} as {vbg.lemma_.lower()}")
        if cq and content and self.ctx.quotes.containing(*content[0]) >= 0:
            cand.content = cq
            cand.content_quote = True
        self.add(cand)
        return True

    def rule_position(self, t: Token) -> bool:
        """'expressing hope that Y', 'voiced concern that Y', 'made the case for Y',
        'offered a defence of Y', 'took issue with Y'."""
        verb = t.lemma_.lower()
        if verb == "make" and self.rule_make_clear(t):
            return True
        for c in t.children:
            if c.dep_ != "dobj":
                continue
            noun = c.lemma_.lower()
            idiom = lx.LIGHT_VERB_IDIOMS.get((verb, noun))
            if idiom is None and not (noun in lx.LIGHT_NOUNS and verb in lx.STANCE_LIGHT_VERBS):
                continue
            if any(g.dep_ == "neg" for g in t.children) or (verb, noun) != ("make", "secret") and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in c.children):
                continue  # "has not taken a position on", "made no such statement": none taken
            kind = "position"
            clause = None
            if idiom is None:
                clause = next((g for g in c.children if g.dep_ in ("acl", "ccomp")
                               and any(m.dep_ == "mark" for m in g.children)), None)
                if clause is None:
                    clause = next((g for g in c.children if g.dep_ in ("acl", "ccomp")), None)
                if clause is not None and clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBG"):
                    clause = None  # "the statement released on Monday"
            cue_end = c.i + 1
            if clause is not None:
                cs, ce = clause.left_edge.i, clause.right_edge.i + 1
            else:
                preps = idiom or lx.STANCE_NOUNS.get(noun, ()) + ("for", "about", "of", "on", "over", "with", "against", "to")
                prep = next((g for g in c.rights if g.dep_ == "prep" and g.lower_ in preps), None)
                if prep is None and idiom:  # "took issue with Y": the parser may hang the preposition on the verb
                    prep = next((g for g in t.children if g.dep_ == "prep" and g.i == c.i + 1
                                 and g.lower_ in idiom), None)
                pobj = self.prep_object(prep) if prep else None
                if pobj is None or prep.i - c.i > 1 or pobj.ent_type_ in ("DATE", "TIME"):
                    continue
                cs, ce = prep.i + 1, prep.right_edge.i + 1
                cue_end = prep.i + 1
                kind = "light"
            subj = self.subject_of(t)
            if subj is None and kind == "light":
                return False
            src = self.np_range(subj, exclude=t) if subj is not None else None
            cue = [(t.i, cue_end)] if cue_end - t.i <= 4 else [(t.i, t.i + 1), (c.i, cue_end)]
            content = self.content_from_tokens(cs, ce, t.i)
            self.add(Cand(cue=cue, anchor=t.i, content=content, source=src,
                          source_head=subj.i if subj is not None else -1, kind=kind,
                          conf=0.7 if kind == "position" else 0.55,
                          lemma=f"{t.lemma_.lower()} {noun}"))
            return True
        return False

    def rule_make_clear(self, t: Token) -> bool:
        """'X made (it) clear that Y': a stated position. The parser hangs the that-clause
        on 'clear' or on 'made'."""
        clear = next((c for c in t.children if c.lower_ in lx.MAKE_CLEAR_ADJECTIVES
                      and c.dep_ in ("ccomp", "oprd", "acomp", "dobj")), None)
        if clear is None or any(g.dep_ == "neg" for g in t.children):
            return False
        clause = next((g for g in list(clear.rights) + [g for g in t.rights if g.i > clear.i]
                       if g.dep_ in ("advcl", "ccomp") and any(
                           m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
        subj = self.subject_of(t)
        if clause is None or subj is None or not (
                self.named_actor_subject(t) or self.document_subject(t)):
            return False  # not "the attack made it clear that …": the article's inference
        cs = next(m.i for m in clause.children if m.dep_ == "mark")
        self.add(Cand(cue=[(t.i, clear.i + 1)], anchor=t.i,
                      content=self.content_from_tokens(cs, clause.right_edge.i + 1, t.i),
                      source=self.np_range(subj, exclude=t), source_head=subj.i,
                      kind="position", conf=0.7, lemma=f"make {clear.lower_}"))
        return True

    def rule_verb(self, t: Token) -> None:
        doc = self.doc
        lemma = lx.LEMMA_FIXES.get(t.lower_, t.lemma_.lower())
        if lemma not in lx.ANY_CUE_VERBS:
            lemma = t.lower_
            if lemma not in lx.ANY_CUE_VERBS:
                return
        if t.lower_ == "told" and t.i > 0 and doc[t.i - 1].lower_ == "all":
            return  # "All told, …"
        particle = lx.PARTICLE_CUE_VERBS.get(lemma)
        phrasal = particle is not None and any(
            c.dep_ == "prt" and c.lower_ == particle for c in t.children)
        if particle is not None and not phrasal and lemma not in lx.ALL_CUE_VERBS \
                and lemma not in lx.OBJECT_VERBS and lemma not in lx.PREP_CUE_VERBS \
                and lemma not in lx.INTENTION_VERBS:
            return  # "set" or "fire" without their particle
        text_verb = lemma in lx.TEXT_VERBS
        if text_verb and not self.text_subject(t):
            return  # people read books; statements and signs read "…"
        clausal = lemma in lx.ALL_CUE_VERBS or phrasal or text_verb
        if t.pos_ not in ("VERB", "AUX"):
            # mis-tagged verbs ("claims" as a plural noun) need a subject and a clause
            if not any(c.dep_ == "nsubj" for c in t.children):
                return
        is_speech = lemma in lx.SPEECH_VERBS or lemma in lx.EVIDENCE_VERBS or phrasal or text_verb
        # not a complement: one across a line break (the parser's sentence can run over
        # a paragraph end), nor "Y;" before "X aims to Z" (two clauses, not "Y, X said")
        seg = self.ctx.seg_of[t.i]
        ccomp = next((c for c in t.children if c.dep_ == "ccomp" and self.ctx.seg_of[c.i] == seg
                      and not (c.i < t.i and doc[c.right_edge.i + 1].text == ";")),
                     None) if clausal else None
        if ccomp is None and clausal:
            ccomp = self.complement_under_adjunct(t, seg)
        subj = self.subject_of(t)
        if subj is None and is_speech:
            subj = self.name_after_quote(t)
        seg_s, seg_e = self.ctx.seg_range(t.i)
        content: list[tuple[int, int]] = []
        conf = 0.85 if is_speech else 0.65
        kind = "verb"
        content_quote = False
        cue = self.cue_ranges(t)
        excl: list[tuple[int, int]] = []
        if ccomp is not None:
            cs, ce = ccomp.left_edge.i, ccomp.right_edge.i + 1
            if ccomp.dep_ in ("relcl", "acl") and doc[cs].lower_ == "that":
                cs += 1  # from complement_under_adjunct: "that" may be parsed as an adverb
            if ccomp.i < t.i:
                # "Y, X said": the cue clause must follow a comma or a quotation
                first = self.cue_clause_start(t, subj) if subj is not None and subj.i < t.i else t.i
                first = min([first] + [s for s, _ in self.cue_ranges(t)])
                p = first - 1
                while p >= 0 and doc[p].is_space:
                    p -= 1  # '…,"  Berkman said' (a double space is a token)
                prev = doc[p] if p >= 0 else None
                if prev is None or not (prev.is_punct or prev.text in QUOTE_CHARS) or prev.text == ":":
                    return  # not "RELATED: Senator Says …": a label, not Y
                # all of Y up to the cue clause: a misparse can hang part of Y under the verb
                # ('…, if bogus, ideas …, she said' with 'if' and 'ideas' under 'said')
                ce = first
            elif cs < t.i:
                # "…, which officials said will go into effect": the relative pronoun
                # fronted from the complement; the cue clause is cut out of the content
                first = subj.left_edge.i if subj is not None and subj.i < t.i else t.i
                excl = [(min(first, t.i), t.i + 1)]
            content = self.content_from_tokens(cs, ce, t.i, self.trailing_cues(ccomp, ce) + excl)
        elif clausal and t.dep_ in ("parataxis", "ccomp", "advcl") and subj is not None \
                and (t.head.i < t.i or self.interjected(t)) \
                and t.head.pos_ in ("VERB", "AUX") and subj.i != t.head.i \
                and self.inverted_ok(t, subj):
            # inverted: "Y, X said" where the parser hung the cue under Y
            head = t.head
            cs, ce = head.left_edge.i, head.right_edge.i + 1
            excl = [(self.cue_clause_start(t, subj), t.right_edge.i + 1)]
            content = self.content_from_tokens(max(cs, seg_s), min(ce, seg_e), t.i, excl)
            conf -= 0.05
            kind = "inverted"
        elif (pas := self.passive_content(t)) is not None:
            # "X is expected to win", "X was seen as a threat by Y"
            content = pas
            conf -= 0.1
            kind = "passive"
        elif OBJECT_CONTENT and (obj := self.object_content(t, lemma, phrasal)) is not None:
            cs, ce, extra_cue, okind = obj
            content = self.content_from_tokens(cs, ce, t.i)
            if extra_cue is not None:
                if extra_cue == cue[-1][1]:
                    cue = cue[:-1] + [(cue[-1][0], extra_cue + 1)]
                else:
                    cue = cue + [(extra_cue, extra_cue + 1)]
            conf -= 0.15
            kind = "object_" + okind
        if not content and is_speech:
            # colon or adjacent quotation
            first = min(t.i, subj.left_edge.i) if subj is not None else t.i
            last = max(t.i, subj.right_edge.i) if subj is not None else t.i
            # extend over the cue's own post-modifiers up to a colon
            # ("tells the crowd:", "told his audience, to loud applause:")
            k = last + 1
            for c in t.rights:
                if c.i < k:
                    continue
                if c.left_edge.i != k or k - last >= 8 or not (
                        c.dep_ in ("advmod", "npadvmod", "prep", "dative", "dobj")
                        or c.dep_ == "punct" and c.text == ","):
                    break
                k = c.right_edge.i + 1
            if k < len(doc) and doc[k].text == ":":
                qq = self.adjacent_quote(first, k)
                if qq:
                    content = qq
                    content_quote = True
                else:
                    content = self.content_from_tokens(k + 1, seg_e, t.i)
                kind = "colon"
            else:
                qq = self.adjacent_quote(first, max(last, k - 1))
                if qq and subj is not None:
                    content = qq
                    content_quote = True
                    kind = "quote"
        if not content and is_speech and subj is not None and ccomp is None:
            content = self.content_around_cue_clause(t, subj)
            if content:
                conf -= 0.1
                kind = "inverted"
        if not content:
            return
        if not content_quote and ccomp is not None:
            qq = self.quote_for(content)
            if qq:
                content = qq
                content_quote = True
        if content_quote:
            content = self.continue_quote(content, t)
        if subj is None and is_speech:
            # "..., said Richard Roe, a union leader": the parser may take the inverted
            # subject for an object
            subj = next((c for c in t.rights if c.dep_ in ("dobj", "attr", "npadvmod")
                         and (c.pos_ == "PROPN" or c.lemma_.lower() in lx.PERSON_NOUNS
                              or text_verb and c.lemma_.lower() in lx.TEXT_NOUNS)), None)
        if self.asked_participle(t):
            if kind in ("quote", "colon"):
                return  # "“…,” X told reporters, when asked about Y": the quote is X's claim
            subj = None  # "Asked whether …, X said": X was asked; the asker is unnamed
        src = None
        shead = -1
        subj0 = subj
        if subj is not None and subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
            # "X, who said ...": the source as written is the relative pronoun
            src = (subj.i, subj.i + 1)
            shead = t.head.i
            subj = None
        if subj is not None:
            shead = subj.i
            if subj.dep_ in SUBJ_DEPS or subj.i == t.head.i:
                src = self.np_range(subj, exclude=t if subj.i == t.head.i else None)
            else:
                src = self.np_range(subj)
            # expletive passive: "it was reported that", "it is said"
            if subj.lower_ == "it" and subj.dep_ == "nsubjpass":
                agent = next((c for c in t.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if pobj is not None:
                    src, shead = self.np_range(pobj), pobj.i
                else:
                    src, shead = None, -1
        if kind == "passive":
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            src, shead = (self.np_range(pobj), pobj.i) if pobj is not None else (None, -1)
        if not self.plausible(t, kind, src, shead, ccomp, subj0):
            return
        via = None
        via_head = -1
        if lemma in lx.DATIVE_VERBS:
            obj = next((c for c in t.children if c.dep_ in ("dobj", "dative", "iobj")), None)
            if obj is not None and self.is_media_np(obj):
                via, via_head = self.np_range(obj), obj.i
        self.add(Cand(cue=cue, anchor=t.i, content=content, source=src, source_head=shead,
                      via=via, via_head=via_head, kind=kind, conf=conf, lemma=t.lemma_.lower(),
                      content_quote=content_quote,
                      hedge=src is None))

    def complement_under_adjunct(self, t: Token, seg: int) -> Token | None:
        """The that-clause of "said in a statement that Y" or "said during a news conference
        that Y", which the parser hangs on the adjunct's noun as a relative clause.

        A real relative clause has "that" as its subject or object ("the statement that
        was released") or stands for a moment or manner ("at a time that", "in the way
        that"); a complement has "that" as a bare complementizer and its own subject.
        """
        if t.lemma_.lower() not in lx.CORE_REPORTING_VERBS:
            return None
        preps = [c for c in t.rights if c.dep_ == "prep"]
        while preps:
            prep = preps.pop(0)
            if prep.lower_ not in lx.CIRCUMSTANCE_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() in lx.NOUNS_WITH_OWN_CLAUSE:
                    continue  # "in the hope that Y": the noun's own complement
                if noun.lemma_.lower() in lx.RELATIVE_ADVERB_NOUNS and prep.lower_ != "for":
                    continue  # "argued on the day that we launched …" (but "said for the first time that Y")
                preps += [c for c in noun.rights if c.dep_ == "prep"]  # "at a rally in Iowa that Y"
                for clause in noun.rights:
                    if clause.dep_ not in ("relcl", "acl") or self.ctx.seg_of[clause.i] != seg:
                        continue  # "in a report released Tuesday that Y": look past "released"
                    first = clause.left_edge
                    if first.lower_ == "that" and first.head.i == clause.i \
                            and first.dep_ in ("mark", "advmod") \
                            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                        return clause
        return None

    def is_actor(self, i: int) -> bool:
        """A source head that can hold a position: a named actor, a pronoun, a person,
        organisation or government noun."""
        h = self.doc[i]
        if h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or h.pos_ == "PRON":
            return True
        lem = h.lemma_.lower()
        return lem in lx.PERSON_NOUNS or lem in lx.ORG_NOUNS or lem in lx.GOVERNMENT_NOUNS \
            or lem in lx.MEDIA_NOUNS or lem in lx.GROUP_NOUNS

    def trailing_cues(self, clause: Token, end: int) -> list[tuple[int, int]]:
        """', adding that …' / ', saying …' clauses that close a content clause: their own
        claims, cut from the content (a participial cue verb after a comma)."""
        out = []
        for c in clause.rights:
            if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG" and c.i > clause.i \
                    and self.doc[c.left_edge.i - 1].text == "," \
                    and (c.lower_ in SAYING_FORMS or c.lemma_.lower() in lx.SPEECH_VERBS):
                out.append((c.left_edge.i - 1, min(c.right_edge.i + 1, end)))
        return out

    @staticmethod
    def wh_clause(clause: Token) -> bool:
        """An interrogative complement: 'whether …', 'how …', 'which candidate …'."""
        for c in clause.subtree:
            if c.i >= clause.i:
                break
            if c.tag_ in ("WRB", "WP", "WDT", "WP$") or c.lower_ in ("if", "whether"):
                return True
        return False

    @staticmethod
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

    def asked_participle(self, t: Token) -> bool:
        """'Asked whether he would run, …' / 'When asked about …': a participle of 'ask'
        with no subject of its own; the question's asker is not named."""
        if t.lemma_.lower() != "ask":
            return False
        seg_s, _ = self.ctx.seg_range(t.i)
        opens = all(self.doc[k].is_punct or self.doc[k].is_space for k in range(seg_s, t.i))
        if not (opens and t.lower_ == "asked") and (
                t.tag_ != "VBN" or t.dep_ not in ("advcl", "ROOT", "conj")):
            return False  # a sentence-initial "Asked …" is a participle whatever its tag
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in t.children):
            return False
        return not self.ctx.quoted(t.i)

    def generic_or_question(self, t: Token, subj: Token | None) -> bool:
        """Clearly not attributions: modal or generic uses ('It should be stressed that',
        'you can imagine', 'anyone who says'), cues in the article's own questions
        ('Did the mayor say that …?')."""
        doc = self.doc
        ctx = self.ctx
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
        if not quoted and self.in_own_question(t) \
                and any(c.dep_ == "aux" and c.lemma_.lower() == "do" and subj is not None
                        and c.i < subj.i < t.i for c in t.children):
            return True  # "Did the mayor say that …?": the article's own question
        return False

    def in_own_question(self, t: Token) -> bool:
        """t's sentence is a question with no quotation in it: the article asking."""
        seg_s, seg_e = self.ctx.seg_range(t.i)
        return seg_e > seg_s and self.doc[seg_e - 1].text == "?" \
            and not any(self.doc[k].text in QUOTE_CHARS for k in range(seg_s, seg_e))

    def plausible(self, t: Token, kind: str, src, shead: int, ccomp: Token | None,
                  subj: Token | None = None) -> bool:
        """Filters for forms that are rarely attributions."""
        if self.generic_or_question(t, subj):
            return False
        if subj is not None and subj.lower_ in DEMONSTRATIVES \
                and t.lemma_.lower() in lx.EVIDENCE_VERBS and t.dep_ != "relcl" \
                and not self.ctx.quoted(t.i):
            return False  # "That suggests …": the article drawing its own inference
        infinitive = t.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
        if src is None:
            # imperatives ("See …", "Never forget …") and bare infinitives
            if t.tag_ == "VB" or kind.startswith("object"):
                return False
            return True
        lemma = t.lemma_.lower()
        if ccomp is not None and lemma in lx.BELIEF_VERBS and lemma not in lx.SPEECH_VERBS \
                and self.wh_clause(ccomp):
            return False  # "has not decided which candidate …", "knows how …"
        if infinitive:
            if self.doc[shead].lower_ == "it":
                return False  # "it is hard to say / to see how …"
            if ccomp is not None and self.wh_clause(ccomp):
                return False  # "to see whether …", "to determine how …"
        if kind.startswith("object"):
            if infinitive:
                return False
            if any(c.lower_ in lx.HEDGE_ADVERBS for c in t.children):
                return False  # "are reportedly questioning X": the hedge is the claim
            participle = t.tag_ == "VBG" and not any(a.dep_ == "aux" for a in t.children)
            if (t.dep_ == "relcl" or participle) and not self.is_actor(shead) \
                    and not (lemma in lx.EVIDENCE_VERBS and self.document_subject(t)):
                return False  # "a poll that showed X ahead" stays: documents state things too
        return True

    def rule_stance_adjective(self, t: Token) -> None:
        """'X is eager to run', 'X was critical of the deal', 'X is confident that Y': a
        position the article reports its holder takes (PolNeAR counts these; the spec's
        'belief and intention … when a source holds a stated position')."""
        doc = self.doc
        verb = t.head
        adjective = t.lemma_.lower()
        if verb.lemma_.lower() not in lx.COPULAS:
            return  # "make sure they vote"
        subj = self.subject_of(verb)
        if subj is None or subj.i > verb.i or subj.lower_ in ("it", "this", "you", "one"):
            return  # "it is clear that", "you should be wary of": no holder
        if not self.ctx.quoted(t.i) and (subj.lower_ in ("i", "we") or self.in_own_question(t)):
            return  # the writer's own stance or question
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children) \
                or any(c.dep_ == "neg" for c in t.children) \
                or any(c.dep_ in ("det", "amod") and c.lower_ in ("few", "no") for c in subj.children):
            return  # "may be reluctant", "are not sure", "few experts are sure": no position taken
        holder = self.subject_or_antecedent(verb)  # "the senators, who are wary of Y": written "who"
        if holder.lower_ in REL_PRONOUNS or not self.is_actor(holder.i):
            return
        cue_end = t.i + 1
        comp = None
        preps = lx.STANCE_ADJECTIVE_PREPS.get(adjective, lx.STANCE_PREPS)
        for c in t.rights:
            if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                if adjective in lx.NO_INFINITIVE_ADJECTIVES:
                    return  # "they are sure to win", "happy to respond"
                comp = c
                break
            if c.dep_ == "ccomp" and not self.wh_clause(c):
                comp = c
                break
            if c.dep_ == "prep" and c.lower_ in preps and c.i == t.i + 1 \
                    and self.prep_object(c) is not None:
                comp, cue_end = c, c.i + 1
                break
        if comp is None:
            return
        cs = cue_end if comp.dep_ == "prep" else comp.left_edge.i
        content = self.content_from_tokens(cs, comp.right_edge.i + 1, t.i)
        if not content or self.generic_or_question(verb, subj):
            return
        if verb.i > t.i:
            cue = [(t.i, cue_end)]
        elif any(doc[k].is_punct for k in range(verb.i + 1, t.i)):
            cue = [(verb.i, verb.i + 1), (t.i, cue_end)]  # "was, as ever, critical of"
        else:
            cue = [(verb.i, cue_end)]
        self.add(Cand(cue=cue, anchor=t.i, content=content, source=self.np_range(subj), source_head=holder.i,
                      kind="stance", conf=0.5, lemma=adjective))

    def rule_raising(self, t: Token) -> None:
        """'X seems to Y', 'X appears ready to Y': an impression with no named holder."""
        content = self.passive_content(t)
        if not content:
            return
        self.add(Cand(cue=self.cue_ranges(t), anchor=t.i, content=content, kind="raising",
                      conf=0.45, hedge=True, lemma=t.lemma_.lower()))

    def passive_content(self, t: Token) -> list[tuple[int, int]] | None:
        """Passive cue with a complement: content = the subject plus the complement
        ('X is expected to win'); also 'X seems/appears to Y' (an implicit observer)."""
        raising = t.lemma_.lower() in lx.RAISING_VERBS
        if raising:
            if t.dep_ in ("amod", "acl", "relcl", "xcomp", "ccomp", "advcl"):
                return None
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        elif t.tag_ != "VBN" or t.dep_ in ("amod", "acl"):
            return None
        else:
            subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        if t.dep_ == "relcl" and (subj is None or subj.lower_ not in REL_PRONOUNS
                                  or t.lemma_.lower() not in lx.RELATIVE_PASSIVE_CUES):
            return None  # "which is expected to", not "who is known as", "that had been discussed"
        if t.lemma_.lower() in lx.LITERAL_AS_VERBS:
            return None  # "votes were cast as of Tuesday", "the walls were painted"
        if subj is None or subj.lower_ == "it" or subj.i > t.i \
                or t.dep_ != "relcl" and subj.lower_ in REL_PRONOUNS \
                or t.lemma_.lower() in ("suppose", "require", "allow", "force"):
            return None
        comp = None
        for c in t.rights:
            if raising and c.dep_ in ("acomp", "attr"):
                comp = c
                break
            if c.dep_ in ("xcomp", "oprd") and (c.dep_ == "oprd" or any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                comp = c
                break
            if c.dep_ == "prep" and c.lower_ == "as" and not self.adverbial_as(c):
                comp = c
                break
            if c.dep_ in ("punct", "cc", "conj", "advcl"):
                break
        if comp is None:
            return None
        if comp.dep_ == "xcomp" and comp.lemma_.lower() in lx.NO_CONTENT_VERBS:
            return None
        ss, se = subj.left_edge.i, subj.right_edge.i + 1
        cs, ce = comp.left_edge.i, comp.right_edge.i + 1
        if t.dep_ == "relcl" and ss > 0 and self.doc[ss - 1].text == ",":
            # ", which is expected to Y, opens …": the clause ends at the comma before the
            # main clause's verb (the parser may hang that verb inside it)
            ce = next((k for k in range(cs, ce - 1) if self.doc[k].text == ","
                       and self.doc[k + 1].tag_ in ("VBZ", "VBD", "VBP", "MD")), ce)
        out = self.content_from_tokens(ss, se, t.i) + self.content_from_tokens(cs, ce, t.i)
        return out or None

    @staticmethod
    def adverbial_as(prep: Token) -> bool:
        """'as a result', 'as part of', 'as of Tuesday': not a predicate."""
        return any(g.lemma_.lower() in lx.ADVERBIAL_AS_NOUNS or g.dep_ == "prep" for g in prep.children)

    def view_as(self, t: Token, lemma: str) -> bool:
        """'sees X as Y' with Y a predicate of X. Not the subject's role at the time ('saw
        the city as a teenager'), and verbs with a literal sense ('cast', 'paint') only of
        an actor or with an adjective ('cast him as a liar', 'painted the plan as reckless';
        not 'painted the house as a student')."""
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        as_prep = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "as"
                        and not self.adverbial_as(c)), None)
        if obj is None or as_prep is None:
            return False
        personal = obj.pos_ in ("PRON", "PROPN") or self.is_actor(obj.i)
        role = next((g for g in as_prep.children if g.dep_ in ("pobj", "amod", "acomp")), None)
        if lemma in lx.LITERAL_AS_VERBS and not personal and not (role is not None and role.pos_ == "ADJ"):
            return False  # but "paint the plan as reckless"
        if role is None:
            return True
        if role.lemma_.lower() in lx.LIFE_STAGE_NOUNS:
            return False
        return personal or role.lemma_.lower() not in lx.PERSON_NOUNS

    def subject_or_antecedent(self, t: Token) -> Token | None:
        """t's subject; for 'a poll that showed …' the noun the relative pronoun stands for."""
        subj = self.subject_of(t)
        if subj is not None and subj.lower_ in REL_PRONOUNS and t.dep_ == "relcl":
            return t.head
        return subj

    def text_subject(self, t: Token) -> bool:
        """'“…,” the statement read', 'it read', 'reads a Wednesday editorial', 'Isaiah 45:1
        reads:': the subject is a written text (a pronoun for one, or a title), not a reader."""
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "dobj", "attr")
                     and (c.dep_ == "nsubj" or c.i > t.i)), None)
        if subj is None:
            return False
        return subj.lower_ == "it" or subj.lemma_.lower() in lx.TEXT_NOUNS \
            or subj.pos_ == "PROPN" and subj.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")

    def document_subject(self, t: Token) -> bool:
        """'Polls show Clinton with a lead', 'a poll that showed X ahead': data and documents
        state things through their objects too; people who 'show' or 'find' something do not."""
        subj = self.subject_or_antecedent(t)
        return subj is not None and subj.lemma_.lower() in lx.DOCUMENT_NOUNS

    def named_actor_subject(self, t: Token) -> bool:
        """The verb's subject is an actor, not a demonstrative ('that suggests …')."""
        subj = self.subject_or_antecedent(t)
        return subj is not None and subj.lower_ not in DEMONSTRATIVES and self.is_actor(subj.i)

    def object_content(self, t: Token, lemma: str, phrasal: bool = False):
        """Objects as content for speech-act and stance verbs ('criticized the plan',
        'called him a liar', 'accused her of lying') and to-infinitives of intention verbs
        ('vowed to fight'). Returns (first token, end token, extra cue token, kind)."""
        if t.tag_ in ("VBN",) and any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            return None
        if t.dep_ in ("amod", "compound"):
            return None
        preps = lx.PREP_CUE_VERBS.get(lemma)
        if preps:
            # "called for a ban", "pointed to the polls", "called on X to resign"
            k = t.i + 1
            while k < len(self.doc) and self.doc[k].dep_ in ("prt", "advmod") and self.doc[k].head.i == t.i \
                    and k - t.i < 3:
                k += 1
            c = self.doc[k] if k < len(self.doc) else None
            if c is not None and self.no_content_answer(t, c):
                return None  # "did not respond to a request for comment"
            if c is not None and c.dep_ == "mark" and c.lower_ in preps and c.head.head.i == t.i \
                    and c.head.dep_ in ("advcl", "xcomp", "ccomp"):
                # "calling for the US to step up …": the parser reads 'for' as a subordinator
                return c.i + 1, c.head.right_edge.i + 1, c.i, "prep"
            if c is not None and c.head.i == t.i and c.dep_ in ("prep", "prt") and c.lower_ in preps:
                pobj = self.prep_object(c)
                if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                    e = c.right_edge.i + 1
                    for g in t.rights:
                        if g.i >= e and g.left_edge.i <= e + 1 and (
                                g.dep_ in ("xcomp", "ccomp", "oprd") or g.dep_ == "prep" and g.lower_ == "as"):
                            e = g.right_edge.i + 1
                    return c.i + 1, e, c.i, "prep"
        data = lemma in lx.EVIDENCE_VERBS and self.document_subject(t)
        if lemma in lx.EVIDENCE_VERBS:
            # "polls show X", "the senator revealed X"; not "history suggests X", "that suggests X"
            is_obj = data or lemma in lx.OBJECT_VERBS and self.named_actor_subject(t)
        elif lemma in lx.AS_PREDICATE_VERBS:
            # "voters see Clinton as the stronger candidate": a view, only with its "as"
            is_obj = self.named_actor_subject(t) and self.subject_of(t).lower_ != "you" \
                and self.view_as(t, lemma)
        else:
            is_obj = lemma in lx.OBJECT_VERBS or phrasal
        is_int = lemma in lx.INTENTION_VERBS
        if not (is_obj or is_int):
            return None
        dative = lemma in lx.DATIVE_VERBS or lemma in ("urge", "ask", "remind")
        comps = []
        first_kind = None
        for c in t.rights:
            d = c.dep_
            if d == "dobj" and is_obj:
                if c.lower_ in ("what", "which", "who", "that", "this", "it") and c.n_rights == 0 \
                        and not any(g.dep_ == "oprd" for g in t.children):
                    return None
                comps.append(c)
                first_kind = first_kind or "dobj"
            elif d == "xcomp" and (is_int or comps) and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                if not comps and (c.lemma_.lower() in lx.SPEECH_VERBS or c.lemma_.lower() in lx.NO_CONTENT_VERBS) \
                        and not any(g.dep_ not in ("aux", "neg", "advmod", "punct", "prep", "npadvmod")
                                    for g in c.children):
                    return None  # "declined to comment": speech with no content
                if not comps and lemma in ("decline", "refuse") and self.no_content_answer(c):
                    return None  # "declined to answer questions", "refused to take calls"
                comps.append(c)
                first_kind = first_kind or "xcomp"
            elif d in ("oprd", "ccomp", "dative") and comps:
                comps.append(c)
            elif d == "prep" and comps and c.lower_ in lx.OBJECT_PREPS and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in c.children):
                comps.append(c)
            elif data and comps and d in ("prep", "advmod", "acomp") and not any(
                    g.ent_type_ in ("DATE", "TIME") for g in c.children):
                comps.append(c)  # "polls showed X down by ten points", "found X in the lead"
            elif d in ("cc", "conj", "advcl", "npadvmod") and comps:
                break
        if not comps:
            return None
        if dative and len(comps) > 1 and comps[0].dep_ in ("dobj", "dative") and (
                comps[0].pos_ in ("PRON", "PROPN") or comps[0].lemma_.lower() in lx.PERSON_NOUNS):
            comps = comps[1:]
        s = min(c.left_edge.i for c in comps)
        e = max(c.right_edge.i for c in comps) + 1
        last = comps[-1]
        if last.dep_ == "dobj":
            # "praised Franklin Graham, who has vowed …": the object ends at the comma
            # before a relative clause or appositive that describes it
            for c in last.rights:
                if c.dep_ in ("relcl", "appos", "acl") and self.doc[c.left_edge.i - 1].text == ",":
                    e = c.left_edge.i - 1
                    break
        return s, e, None, first_kind

    def continue_quote(self, content: list[tuple[int, int]], t: Token) -> list[tuple[int, int]]:
        """'“A,” he said. “B.”': add the quotations that open the following sentences."""
        ctx = self.ctx
        text = ctx.text
        q = ctx.quotes
        if not content:
            return content
        last_end = content[-1][1]
        seg_s, seg_e = ctx.seg_range(t.i)
        # the cue must come after the quotation, at the end of its sentence
        if ctx.cs(t.i) < last_end:
            return content
        out = list(content)
        # '“A,” she said, “and B.”': a quotation that resumes right after the cue clause
        nxt = self.resumed_quote(t, seg_e)
        if nxt is not None:
            out.append(nxt)
            last_end = nxt[1]
        k = t.i
        while k + 1 < len(self.doc) and ctx.para_of[k + 1] == ctx.para_of[t.i] \
                and not (self.doc[k + 1].text[:1] in QUOTE_CHARS and self.doc[k].text in ".!?") \
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

    def resumed_quote(self, t: Token, seg_e: int) -> tuple[int, int] | None:
        """The quotation that resumes after '“A,” X said,' in the same sentence."""
        doc = self.doc
        ctx = self.ctx
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

    def interjected(self, t: Token) -> bool:
        """'Y1, X said, Y2': a cue clause set off by commas inside its content."""
        r = t.right_edge.i
        if self.doc[r].text not in (",", "—", "–", "--"):
            r += 1
        return r < len(self.doc) and self.doc[r].text in (",", "—", "–", "--") and t.head.i > r

    def cue_clause_start(self, t: Token, subj: Token) -> int:
        """First token of '…, X said': the subject and the verb's contiguous left modifiers.
        Not the verb's left edge, which a misparse can push deep into the content ('…, if
        bogus, ideas …, she said' with 'if' hung under 'said')."""
        doc = self.doc
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

    def content_around_cue_clause(self, t: Token, subj: Token) -> list[tuple[int, int]]:
        """'Y, X said.' and 'Y1, X said, Y2' when the parser gave the verb no complement
        and hung Y elsewhere (a separate clause, or under a noun taken as the root).

        The cue clause (subject, verb and the verb's own adjuncts) must end the sentence
        or be set off by commas inside it, and Y must hold a clause with its own subject:
        "In 2010, he said." is not a claim.
        """
        doc = self.doc
        if t.lemma_.lower() not in lx.CORE_REPORTING_VERBS or t.tag_ in ("VBG", "VB", "VBN") \
                or t.dep_ not in ("ROOT", "parataxis"):
            return []  # not "…, who hails from Ohio, said", "when it reported, in 2012, on …"
        if any(c.dep_ in ("dobj", "attr", "xcomp", "ccomp", "mark") for c in t.children):
            return []
        sent = t.sent
        seg_s, seg_e = self.ctx.seg_range(t.i)
        start, end = max(sent.start, seg_s), min(sent.end, seg_e)
        first = self.cue_clause_start(t, subj)
        if first <= start or doc[first - 1].text != "," and doc[first - 1].text not in QUOTE_CHARS:
            return []
        last = max(t.i, subj.right_edge.i)
        for c in t.rights:  # adjuncts: "said on Monday", "said in an interview"
            if c.i > last and c.dep_ in ("advmod", "npadvmod", "prep") and c.left_edge.i == last + 1:
                last = c.right_edge.i
        nxt = last + 1
        while nxt < end and doc[nxt].text in QUOTE_CHARS:
            nxt += 1
        if nxt < end and doc[nxt].text in (".", "!", "?") or nxt >= end:
            pieces = [(start, first)]  # 'Y, X said.'
        elif doc[nxt].text == "," and nxt + 1 < end:
            pieces = [(start, first), (nxt + 1, end)]  # 'Y1, X said, Y2'
        else:
            return []
        clause = range(first, last + 1)
        inside = [k for ps, pe in pieces for k in range(ps, pe)]
        if any(doc[k].pos_ == "VERB" and doc[k].lemma_.lower() in OWN_CLAIM_VERBS for k in inside):
            return []  # Y holds a claim of its own ("“…,” said X, the Examiner reports")
        if not any(doc[k].pos_ in ("VERB", "AUX") and doc[k].head.i not in clause
                   and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in doc[k].children)
                   for k in inside):
            return []
        out: list[tuple[int, int]] = []
        for ps, pe in pieces:
            out += self.content_from_tokens(ps, pe, t.i)
        return out

    def inverted_ok(self, t: Token, subj: Token) -> bool:
        """A cue clause hung under the content: '..., X said' with nothing else after."""
        doc = self.doc
        if t.lemma_.lower() not in lx.SPEECH_VERBS or t.tag_ in ("VBG", "VB", "VBN"):
            return False
        first = self.cue_clause_start(t, subj)
        if first == 0 or not (doc[first - 1].is_punct or doc[first - 1].text in QUOTE_CHARS):
            return False
        if t.right_edge.i - t.i > 6:
            return False
        for c in t.children:
            if c.dep_ in ("mark", "aux") and c.lower_ in ("to", "if", "because", "as", "when"):
                return False
            if c.i > t.i and c.dep_ not in ("punct", "advmod", "npadvmod", "prep", "nsubj"):
                return False
        return True

    # -- media --------------------------------------------------------------------
    def is_media_np(self, tok: Token) -> bool:
        k = self.ctx.ents.cluster_at(tok.i)
        if k >= 0:
            return self.ctx.ents.is_media(k)
        return tok.lemma_.lower() in lx.MEDIA_NOUNS
