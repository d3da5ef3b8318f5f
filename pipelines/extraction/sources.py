"""Sources: resolve a claim's source and via noun phrases to the document's entities, and
say what kind of source each is (person, organisation, government, group, anonymous,
document)."""

from __future__ import annotations

import bisect

from . import lexicon as lx
from .context import DocContext
from .quotes import QUOTE_CHARS
from .roles import description_role, name_role, role_words

DEFINITE = frozenset("the this that these those its their his her".split())
# role words that say the holder is a person; modifiers ("former", "acting") do not
PERSON_ROLES = (lx.TITLE_WORDS | lx.PERSON_NOUNS) - frozenset("""
head leader member chair former late acting then outgoing incoming first foreign defense defence
interior finance health justice vice deputy chief
""".split())
# a pronoun's antecedent named further back than this many sentences is not looked for
PRONOUN_REACH = 5


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


def _without_clauses(h, rng: tuple[int, int]) -> tuple[int, int]:
    """The phrase up to a relative or participle clause of its head: the names in "the
    Chamber of Commerce, which ran ads for Cochran" are not who the phrase names."""
    clauses = [c.left_edge.i for c in h.rights if c.dep_ in ("relcl", "acl") and rng[0] < c.left_edge.i < rng[1]]
    return (rng[0], min(clauses)) if clauses else rng


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
        # cluster -> (token where the role was given, role range, role words), in text order
        self.roles: dict[int, list[tuple[int, tuple[int, int], frozenset[str]]]] = {}
        for i in order:
            m = ents.mentions[i]
            rng = name_role(self.doc, m.start_tok, m.end_tok)
            if rng is not None:
                words = role_words(self.doc, rng)
                self.roles.setdefault(m.cluster, []).append((m.start_tok, rng, words))
                if words & PERSON_ROLES and not set(ents.clusters[m.cluster].words) & lx.INSTITUTION_WORDS:
                    ents.mark_person(m.cluster)  # "Ary Amerikaner, the vice president for …"

    def _kind_of_cluster(self, k: int) -> str:
        c = self.ctx.ents.clusters[k]
        return _label_kind(c.label, c.words)

    def _nearest_mention(self, before_tok: int, pred, reach: int | None = None) -> int:
        """The cluster of the nearest mention before `before_tok` that `pred` accepts, at most
        `reach` sentences back; names inside quotations are skipped (the person quoted
        about is rarely the speaker)."""
        ents = self.ctx.ents
        quotes = self.ctx.quotes
        j = bisect.bisect_left(self.m_starts, before_tok) - 1
        first_seg = self.ctx.seg_of[before_tok] - reach if reach is not None else -1
        while j >= 0:
            m = ents.mentions[self.m_order[j]]
            if m.sent < first_seg:
                break
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
        return self.ctx.ents.clusters[k].agrees_with(gender)

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
                                      and self._gender_ok(c, gender), PRONOUN_REACH)
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
        if hk >= 0:
            k, kind = hk, self._kind_of_cluster(hk)
            if kind == "group" or h.tag_ == "NNPS" or (h.tag_ == "NNS" and len(ents.clusters[hk].words) == 1):
                k, kind = -1, "group"  # "Democrats", "Centrists": a plurality, not one entity
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
            k, kind = self._resolve_noun(rng, h, dets)
        if register:
            self.history.append((head, k, kind))
        return k, kind

    def _resolve_noun(self, rng: tuple[int, int], h, dets: set[str]) -> tuple[int, str]:
        """A noun phrase: a name inside it, else by its head noun (an outlet, a document, a
        government, an organisation, a title), else anonymous."""
        ents = self.ctx.ents
        head = h.i
        lemma = h.lemma_.lower()
        k, kind = -1, "anonymous"
        inside = [ents.mentions[i] for i in ents.mentions_in(*_without_clauses(h, rng))]
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
            elif "the" in dets:
                k = self._named_by_head(h)
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
            elif lemma in lx.TITLE_WORDS or lemma in lx.PERSON_NOUNS:
                k = self._described_person(rng, h)
                kind = "person" if k >= 0 else "anonymous"
            elif h.pos_ == "PROPN":
                names = [c.i for c in h.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                k = ents.person_named(min(names, default=h.i), h.i + 1)
                kind = "person"
            else:
                kind = "anonymous"
        return k, kind

    def _named_by_head(self, h) -> int:
        """"the department": the one institution named before whose name holds that noun
        ("the Department of Education"); -1 when none or several do."""
        ents, lemma = self.ctx.ents, h.lemma_.lower()
        named = {m.cluster for m in ents.mentions if m.end_tok <= h.i and lemma in ents.clusters[m.cluster].words
                 and ents.clusters[m.cluster].label in ("ORG", "GPE", "FAC")}
        return named.pop() if len(named) == 1 else -1

    def _described_person(self, rng: tuple[int, int], h) -> int:
        """The one person the text gave this description as a role before ("Baltimore mayor
        Jack Young … the mayor said"); -1 when no one, or several, fit."""
        described = description_role(self.doc, rng, h)
        if described is None:
            return -1
        wanted = role_words(self.doc, described)
        fits = {k for k, given in self.roles.items()
                if any(at < h.i and h.lemma_.lower() in words and wanted <= words | {h.lemma_.lower()}
                       for at, _, words in given)}
        return fits.pop() if len(fits) == 1 else -1

    def role(self, rng: tuple[int, int] | None, head: int, k: int) -> str | None:
        """The source's role: the title or appositive of the person named in it, or the
        description itself when the text ties it to a person ("the mayor" → Jack Young)."""
        if rng is None or head < 0:
            return None
        doc, ents = self.doc, self.ctx.ents
        for i in ents.mentions_in(rng[0], rng[1]):
            m = ents.mentions[i]
            if ents.clusters[m.cluster].label != "PERSON":
                continue
            role = name_role(doc, m.start_tok, m.end_tok)
            if role is not None:
                return doc[role[0]:role[1]].text
        if k >= 0 and ents.cluster_at(head) < 0:
            described = description_role(doc, rng, doc[head])
            if described is not None:
                return doc[described[0]:described[1]].text
        return None

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
