"""Turn rule candidates into Claim records: resolve sources, types, time and ids."""

from __future__ import annotations

import bisect
from datetime import date

from spacy.tokens import Doc

from . import lexicon as lx
from .quotes import QUOTE_CHARS, quote_type
from .records import Claim, DocumentExtraction, Spans, spans_text, stable_id
from .rules import _NUM_RE, Cand, DocContext, Extractor, _trim_chars
from .timex import resolve as resolve_time

EXTRACTOR_VERSION = "0.6.0"

TIME_PREPS = frozenset("on in at during since earlier later last this".split())
DEFINITE = frozenset("the this that these those its their his her".split())


def _label_kind(label: str, name_words: list[str]) -> str:
    if label == "PERSON":
        return "person"
    if label in ("GPE", "LOC"):
        return "government"
    if label == "NORP":
        return "group"
    if label in ("LAW", "WORK_OF_ART"):
        return "document"
    if label == "ORG" and any(w in lx.GOVERNMENT_NAME_WORDS for w in name_words):
        return "government"
    return "organization"


class Resolver:
    """Resolve source and via noun phrases to per-document entities."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.doc = ctx.doc
        ents = ctx.ents
        order = sorted(range(len(ents.mentions)), key=lambda i: ents.mentions[i].start_tok)
        self.m_starts = [ents.mentions[i].start_tok for i in order]
        self.m_order = order
        # (token index, cluster, kind) of resolved claim sources, in document order
        self.history: list[tuple[int, int, str]] = []

    def _kind_of_cluster(self, k: int) -> str:
        c = self.ctx.ents.clusters[k]
        return _label_kind(c.label, c.words)

    def _nearest_mention(self, before_tok: int, pred) -> int:
        """The cluster of the nearest mention before `before_tok` that `pred` accepts; names
        inside quotations are skipped (the person quoted about is rarely the speaker)."""
        ents = self.ctx.ents
        quotes = self.ctx.quotes
        j = bisect.bisect_left(self.m_starts, before_tok) - 1
        while j >= 0:
            m = ents.mentions[self.m_order[j]]
            if m.end_tok <= before_tok and pred(m.cluster):
                at = self.doc[m.start_tok].idx
                if quotes.containing(at, at + 1) < 0:
                    return m.cluster
            j -= 1
        return -1

    def _recent_source(self, tok: int, kinds: tuple[str, ...], max_segs: int = 6) -> int:
        seg = self.ctx.seg_of[tok]
        for t, k, kind in reversed(self.history):
            if t >= tok:
                continue
            if seg - self.ctx.seg_of[t] > max_segs:
                break
            if k >= 0 and kind in kinds:
                return k
        return -1

    def _gender_ok(self, k: int, gender: str) -> bool:
        g = self.ctx.ents.clusters[k].gender
        return not g or g == gender

    def _prev_subject(self, tok: int) -> int:
        """The named subject of the previous sentence's main clause (a person, or a name
        the model also tagged as a person), else -1."""
        ctx = self.ctx
        seg = ctx.seg_of[tok]
        if seg == 0:
            return -1
        s, e = ctx.seg_bounds[seg - 1]
        if ctx.para_of[s] != ctx.para_of[tok] and seg - 1 >= 0 and e - s < 3:
            return -1
        root = next((t for t in self.doc[s:e] if t.dep_ == "ROOT"), None)
        if root is None:
            return -1
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return -1
        k = self.ctx.ents.cluster_at(subj.i)
        if k < 0:
            return -1
        c = self.ctx.ents.clusters[k]
        return k if c.label == "PERSON" or c.labels.get("PERSON") else -1

    def _resolve_personal(self, head: int, gender: str) -> int:
        """he/she: the latest person source of gender-compatible kind in the last few
        sentences, else the previous sentence's named subject, else the nearest person
        mention before, each of compatible gender (honorifics and earlier he/she links)."""
        ents = self.ctx.ents
        seg = self.ctx.seg_of[head]
        k = -1
        for t, kk, kind in reversed(self.history):
            if t >= head:
                continue
            if seg - self.ctx.seg_of[t] > 4:
                break
            if kk >= 0 and kind == "person" and self._gender_ok(kk, gender):
                k = kk
                break
        if k < 0:
            k = self._prev_subject(head)
            if k >= 0 and not self._gender_ok(k, gender):
                k = -1
        if k < 0:
            k = self._nearest_mention(head, lambda c: ents.clusters[c].label == "PERSON"
                                      and self._gender_ok(c, gender))
        if k >= 0:
            ents.mark_person(k, gender)
        return k

    def _is_media_cluster(self, k: int) -> bool:
        if self.ctx.ents.is_media(k):
            return True
        return any(kk == k and kind == "organization" for _, kk, kind in self.history)

    def resolve(self, rng: tuple[int, int] | None, head: int, register: bool = True) -> tuple[int, str]:
        if rng is None or head < 0:
            return -1, "none"
        doc = self.doc
        ents = self.ctx.ents
        h = doc[head]
        lw = h.lower_
        k, kind = -1, "anonymous"
        hk = ents.cluster_at(head)
        dets = {c.lower_ for c in h.children if c.dep_ in ("det", "poss")}
        lemma = h.lemma_.lower()
        if hk >= 0:
            k, kind = hk, self._kind_of_cluster(hk)
        elif lw in lx.PERSON_PRONOUNS:
            k = self._resolve_personal(head, "m" if lw in ("he", "him") else "f")
            kind = "person"
        elif lw in lx.PLURAL_PRONOUNS:
            k = self._recent_source(head, ("organization", "government", "group"), 3)
            kind = self._kind_of_cluster(k) if k >= 0 else "group"
        elif lw in lx.NEUTER_PRONOUNS:
            k = self._recent_source(head, ("organization", "government", "document"), 3)
            if k < 0:
                k = self._nearest_mention(head, lambda c: ents.clusters[c].label == "ORG")
            kind = self._kind_of_cluster(k) if k >= 0 else "organization"
        elif lw in ("i", "me"):
            kind = "person"
        elif lw in ("we", "us", "you"):
            kind = "group"
        else:
            inside = [ents.mentions[i] for i in ents.mentions_in(rng[0], rng[1])]
            plural = h.tag_ in ("NNS", "NNPS")
            if lemma in lx.MEDIA_NOUNS or (lemma == "outlet"):
                kind = "organization"
                named = [m.cluster for m in inside if ents.is_media(m.cluster)]
                if named:
                    k = named[0]
                elif dets & DEFINITE or not dets:
                    k = self._recent_source(head, ("organization",), 12)
                    if k < 0 or not self._is_media_cluster(k):
                        k = self._nearest_mention(head, self._is_media_cluster)
            elif lemma in lx.DOCUMENT_NOUNS:
                kind = "document"
                named = [m.cluster for m in inside if ents.clusters[m.cluster].label in ("ORG", "PERSON", "GPE")]
                if named:
                    k = named[0]
            elif lemma in lx.GOVERNMENT_NOUNS and not plural:
                kind = "government"
                named = [m.cluster for m in inside]
                if named:
                    k = named[0]
            elif lemma in lx.ORG_NOUNS and not plural:
                kind = "organization"
                named = [m.cluster for m in inside if ents.clusters[m.cluster].label == "ORG"]
                if named:
                    k = named[0]
                elif dets & DEFINITE:
                    k = self._nearest_mention(
                        head, lambda c: ents.clusters[c].label == "ORG" and not ents.is_media(c))
            elif plural:
                kind = "group"
            else:
                persons = [m.cluster for m in inside if ents.clusters[m.cluster].label == "PERSON"]
                if not persons:
                    persons = self._quoted_name(rng)
                if persons:
                    k, kind = persons[0], "person"
                elif lemma in lx.TITLE_WORDS and dets & {"the"}:
                    k = self._nearest_mention(head, lambda c: ents.clusters[c].label == "PERSON")
                    kind = "person" if k >= 0 else "anonymous"
                elif lemma in lx.PERSON_NOUNS or lemma in lx.TITLE_WORDS:
                    kind = "anonymous"
                elif h.pos_ == "PROPN":
                    kind = "person"
                else:
                    kind = "anonymous"
        if register:
            self.history.append((head, k, kind))
        return k, kind

    def _quoted_name(self, rng: tuple[int, int]) -> list[int]:
        """A capitalised name in quote marks inside the phrase (a call sign, a nickname)."""
        doc = self.doc
        for i in range(rng[0], rng[1]):
            if doc[i].text in QUOTE_CHARS and i + 1 < rng[1]:
                j = i + 1
                while j < rng[1] and j - i <= 4 and doc[j].text not in QUOTE_CHARS:
                    j += 1
                if j < rng[1] and doc[j].text in QUOTE_CHARS and j > i + 1:
                    if all(doc[x].text[:1].isupper() for x in range(i + 1, j)):
                        k = self.ctx.ents.add_name(i + 1, j, "PERSON")
                        if k >= 0:
                            return [k]
        return []


def _time_for(ctx: DocContext, cand: Cand, first_tok: int) -> tuple[int, int] | None:
    doc = ctx.doc
    anchor = cand.anchor
    seg = ctx.seg_of[anchor]
    para = ctx.para_of[anchor]
    for ent in ctx.date_ents_by_seg.get(seg, []) + ctx.date_ents_by_seg.get(seg - 1, []):
        root = ent.root
        if ctx.para_of[ent.start] != para:
            continue
        start = ent.start
        attached = False
        if root.head.i == anchor and root.i != anchor:
            attached = True
        elif root.head.head.i == anchor and root.head.dep_ in ("prep", "advmod", "npadvmod"):
            attached = True
            if root.head.i == ent.start - 1:
                start = ent.start - 1
        elif ent.end < first_tok and all(doc[x].is_punct for x in range(ent.end, first_tok)) \
                and (ent.start == ctx.seg_bounds[ctx.seg_of[ent.start]][0]
                     or (ent.start - 1 == ctx.seg_bounds[ctx.seg_of[ent.start]][0]
                         and doc[ent.start - 1].lower_ in TIME_PREPS)):
            attached = True
            if ent.start > 0 and doc[ent.start - 1].lower_ in TIME_PREPS and doc[ent.start - 1].pos_ == "ADP":
                start = ent.start - 1
        if attached:
            return start, ent.end
    return None


def _span_chars(ctx: DocContext, rng: tuple[int, int] | None, drop_that: bool = False) -> Spans:
    if rng is None or rng[0] >= rng[1]:
        return []
    s, e = ctx.char_range(*rng)
    s, e = _trim_chars(ctx.text, s, e, ctx.quotes, drop_that=drop_that, marks=ctx.that_marks)
    if s >= e:
        return []
    return [(s, e)]


def extract_document(doc: Doc, doc_id: str, published_at: date | None) -> DocumentExtraction:
    """Mentions, per-document entities and claims of one parsed document."""
    if all(t.is_space for t in doc):
        return DocumentExtraction(doc_id=doc_id, mentions=[], entities=[], claims=[])
    ctx = DocContext(doc, doc_id, published_at)
    ctx.date_ents_by_seg = {}
    for ent in ctx.doc_ents:
        if ent.label_ in ("DATE", "TIME"):
            ctx.date_ents_by_seg.setdefault(ctx.seg_of[ent.start], []).append(ent)
    cands = Extractor(ctx).run()
    resolver = Resolver(ctx)
    text = ctx.text
    claims: list[Claim] = []
    links: list[tuple[int, int]] = []
    rules: list[str] = []
    seen: set[tuple] = set()
    for cand in cands:
        content: Spans = []
        for s, e in cand.content:
            s, e = _trim_chars(text, s, e, ctx.quotes, drop_that=True, marks=ctx.that_marks)
            if e > s and any(ch.isalnum() for ch in text[s:e]):
                content.append((s, e))
        if not content:
            continue
        cue: Spans = [ctx.char_range(s, e) for s, e in cand.cue]
        # content must not contain the cue
        if cand.kind != "hedge" and any(
                cs < ce2 and cs2 < ce for cs, ce in content for cs2, ce2 in cue):
            content = [(s, e) for s, e in content
                       if not any(s < ce2 and cs2 < e for cs2, ce2 in cue)]
            if not content:
                continue
        source = _span_chars(ctx, cand.source)
        src_rng = cand.source if source else None
        k, kind = resolver.resolve(src_rng, cand.source_head if source else -1)
        via = _span_chars(ctx, cand.via)
        vk = -1
        if via:
            vk, _ = resolver.resolve(cand.via, cand.via_head, register=False)
        first_tok = min([cand.cue[0][0]] + ([cand.source[0]] if cand.source and source else []))
        trng = _time_for(ctx, cand, first_tok)
        time_spans = [ctx.char_range(*trng)] if trng else []
        time_text = spans_text(text, time_spans) if time_spans else None
        content_text = spans_text(text, content)
        key = (tuple(cue), tuple(content))
        if key in seen:
            continue
        seen.add(key)
        clusters = ctx.ents.clusters
        ent_name = clusters[k].canonical if k >= 0 else None
        ent_id = clusters[k].eid if k >= 0 else None
        via_name = clusters[vk].canonical if vk >= 0 else None
        via_id = clusters[vk].eid if vk >= 0 else None
        if not source:
            kind = "none"
        conf = cand.conf
        if not source and not cand.hedge:
            conf -= 0.1
        if cand.content_quote:
            conf += 0.05
        conf = max(0.05, min(1.0, conf))
        links.append((k, vk))
        rules.append(cand.kind)
        claims.append(Claim(
            claim_id=stable_id("clm", doc_id, cue, content),
            doc_id=doc_id,
            sentence_index=ctx.seg_of[cand.anchor],
            cue_text=spans_text(text, cue),
            cue_lemma=cand.lemma,
            cue_spans=cue,
            source_text=spans_text(text, source) if source else None,
            source_spans=source,
            source_entity_id=ent_id,
            source_entity=ent_name,
            source_kind=kind,
            via_text=spans_text(text, via) if via else None,
            via_spans=via,
            via_entity_id=via_id,
            via_entity=via_name,
            content_text=content_text,
            content_spans=content,
            quote_type=quote_type(ctx.quotes, content),
            hedged=bool(cand.hedge or not source),
            time_text=time_text,
            time_spans=time_spans,
            claim_date=resolve_time(time_text, published_at),
            has_number=bool(_NUM_RE.search(content_text)),
            confidence=round(conf, 3),
            extractor_version=EXTRACTOR_VERSION,
        ))
    # entity ids and content mentions are filled last: resolution may add names
    clusters = ctx.ents.clusters
    ments = sorted(((m.start, m.end, i) for i, m in enumerate(ctx.ents.mentions)))
    m_starts = [m[0] for m in ments]
    for claim, (k, vk), rule in zip(claims, links, rules):
        claim.__dict__["rule"] = rule  # which rule fired (diagnostics, not a column)
        if k >= 0:
            claim.source_entity, claim.source_entity_id = clusters[k].canonical, clusters[k].eid
        if vk >= 0:
            claim.via_entity, claim.via_entity_id = clusters[vk].canonical, clusters[vk].eid
        ids = []
        for s, e in claim.content_spans:
            j = bisect.bisect_left(m_starts, s)
            while j < len(ments) and ments[j][0] < e:
                if ments[j][1] <= e:
                    ids.append(ctx.ents.mention_id(ments[j][2]))
                j += 1
        claim.mention_ids = sorted(set(ids))
    mentions, entities = ctx.ents.records()
    return DocumentExtraction(doc_id=doc_id, mentions=mentions, entities=entities, claims=claims)
