"""Turn the settled candidates of one document into Claim records: trim spans, resolve
sources and time, type quotations, make ids, link content mentions."""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from spacy.tokens import Doc

from .candidates import Candidate
from .context import DocContext
from .extractor import extract_candidates
from .quotes import quote_type
from .records import Claim, DocumentExtraction, Spans, spans_text, stable_id
from .sources import Resolver
from .spans import span_chars, trim_span
from .timex import resolve as resolve_time

EXTRACTOR_VERSION = "0.7.0"

TIME_PREPS = frozenset("on in at during since earlier later last this".split())
NUMBER_RE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|"
    r"millions|billion|billions|trillion|dozen|dozens|half|third|thirds|quarter|quarters|"
    r"percent|twice|double|triple|tenfold)\b",
    re.I,
)


def _time_for(ctx: DocContext, cand: Candidate, first_tok: int) -> tuple[int, int] | None:
    """The date or time phrase attached to the cue, or opening its sentence before the cue clause."""
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


def _content_spans(ctx: DocContext, cand: Candidate, cue: Spans) -> Spans:
    """The candidate's content trimmed, without empty pieces and without the cue."""
    text = ctx.text
    content: Spans = []
    for s, e in cand.content:
        s, e = trim_span(text, s, e, ctx.quotes, ctx.that_marks)
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            content.append((s, e))
    if cand.form != "hedge":
        content = [(s, e) for s, e in content if not any(s < ce and cs < e for cs, ce in cue)]
    return content


def _confidence(cand: Candidate, has_source: bool) -> float:
    """The form's confidence, lower without a source (unless hedged), higher for a quotation."""
    conf = cand.confidence
    if not has_source and not cand.hedge:
        conf -= 0.1
    if cand.content_quote:
        conf += 0.05
    return round(max(0.05, min(1.0, conf)), 3)


def _claim(ctx: DocContext, resolver: Resolver, cand: Candidate, cue: Spans,
           content: Spans) -> tuple[Claim, int, int]:
    """The claim of one candidate, with the clusters of its source and via (-1: none)."""
    text = ctx.text
    source = span_chars(ctx, cand.source)
    k, kind = resolver.resolve(cand.source if source else None, cand.source_head if source else -1)
    via = span_chars(ctx, cand.via)
    vk = resolver.resolve(cand.via, cand.via_head, register=False)[0] if via else -1
    first_tok = min([cand.cue[0][0]] + ([cand.source[0]] if cand.source and source else []))
    trng = _time_for(ctx, cand, first_tok)
    time_spans = [ctx.char_range(*trng)] if trng else []
    time_text = spans_text(text, time_spans) if time_spans else None
    content_text = spans_text(text, content)
    claim = Claim(
        claim_id=stable_id("clm", ctx.doc_id, cue, content), doc_id=ctx.doc_id,
        sentence_index=ctx.seg_of[cand.anchor], cue_text=spans_text(text, cue), cue_lemma=cand.lemma,
        cue_spans=cue, source_text=spans_text(text, source) if source else None, source_spans=source,
        source_entity_id=None, source_entity=None, source_kind=kind if source else "none",
        via_text=spans_text(text, via) if via else None, via_spans=via, via_entity_id=None,
        via_entity=None, content_text=content_text, content_spans=content,
        quote_type=quote_type(ctx.quotes, content), hedged=bool(cand.hedge or not source),
        time_text=time_text, time_spans=time_spans,
        claim_date=resolve_time(time_text, ctx.published_at),
        has_number=bool(NUMBER_RE.search(content_text)), confidence=_confidence(cand, bool(source)),
        extractor_version=EXTRACTOR_VERSION,
        source_role=resolver.role(cand.source, cand.source_head, k) if source else None,
    )
    return claim, k, vk


def _link_entities(ctx: DocContext, claims: list[Claim], links: list[tuple[int, int]]) -> None:
    """Entity ids and content mentions, filled last: resolution may add names."""
    clusters = ctx.ents.clusters
    ments = sorted(((m.start, m.end, i) for i, m in enumerate(ctx.ents.mentions)))
    m_starts = [m[0] for m in ments]
    for claim, (k, vk) in zip(claims, links):
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


def publication_date(value: object) -> date | None:
    """A publication date as the API takes it: a date, an ISO date string, or None."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"published_at must be a date, an ISO date string (YYYY-MM-DD) or None, not {value!r}")


def extract_document(doc: Doc, doc_id: str, published_at: date | str | None) -> DocumentExtraction:
    """Mentions, per-document entities and claims of one parsed document."""
    published_at = publication_date(published_at)
    if all(t.is_space for t in doc):
        return DocumentExtraction(doc_id=doc_id, mentions=[], entities=[], claims=[])
    ctx = DocContext(doc, doc_id, published_at)
    resolver = Resolver(ctx)
    claims: list[Claim] = []
    links: list[tuple[int, int]] = []
    seen: set[tuple] = set()
    for cand in extract_candidates(ctx):
        cue: Spans = [ctx.char_range(s, e) for s, e in cand.cue]
        content = _content_spans(ctx, cand, cue)
        if not content:
            continue
        claim, k, vk = _claim(ctx, resolver, cand, cue, content)  # resolving registers the source
        if (tuple(cue), tuple(content)) in seen:
            continue
        seen.add((tuple(cue), tuple(content)))
        claims.append(claim)
        links.append((k, vk))
    _link_entities(ctx, claims, links)
    mentions, entities = ctx.ents.records()
    return DocumentExtraction(doc_id=doc_id, mentions=mentions, entities=entities, claims=claims)
