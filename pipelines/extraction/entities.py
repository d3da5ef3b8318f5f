"""Entity mentions and their per-document canonical entities.

Mentions come from the NER component. Titles, roles, determiners and possessives are
stripped from the name; mentions are clustered within the document: exact names, short
names that are a contiguous part of a fuller name ("Putin" -> "Vladimir Putin") and
acronyms ("WSJ" -> "Wall Street Journal"). The canonical name is the fullest name; the
label is the majority label over the cluster's mentions (the small model often
mislabels places as people), ties going to the fullest mention's label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from . import lexicon as lx
from .gender import first_name_gender
from .records import ENTITY_LABELS, Entity, Mention, entity_id, stable_id

QUOTE_STRIP = "\"“”‘’«»„'`"
# personal titles: a name after one of these is a person ("Sen. Manchin", "Ms. Harris")
PERSON_TITLES = frozenset("""
mr mrs ms miss dr sen senator rep representative gov governor president congressman
congresswoman
""".split())
MALE_TITLES = frozenset("mr sir congressman king prince father".split())
FEMALE_TITLES = frozenset("mrs ms miss congresswoman queen princess lady dame sister".split())
PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
HEADLINE_FUNCTION_WORDS = frozenset("Of The A An And For In On To With At By".split())


@dataclass
class RawMention:
    start_tok: int
    end_tok: int  # exclusive
    start: int
    end: int
    text: str
    label: str
    sent: int
    cluster: int = -1
    title: str = ""  # personal title right before the name ("mr", "sen"), casefolded


@dataclass
class Cluster:
    idx: int
    canonical: str
    words: list[str]  # casefolded name words
    labels: Counter = field(default_factory=Counter)
    mentions: list[int] = field(default_factory=list)
    label: str = ""
    eid: str = ""
    gender: str = ""  # "m" / "f" from honorifics and he/she links, "" unknown
    name_gender: str = ""  # "m" / "f" from the first name, when the text says nothing
    personal: bool = False  # a mention has a personal title, or it is referred to as he/she

    def agrees_with(self, gender: str) -> bool:
        """A pronoun of `gender` may refer to it: the text's evidence first, then the first name."""
        known = self.gender or self.name_gender
        return not known or not gender or known == gender


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split())


def _words(name: str) -> list[str]:
    return [w for w in _norm(name).casefold().replace(".", "").split() if w]


def acronym_of(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in lx.ACRONYM_STOP and w[:1].isalpha())


def clean_name_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without leading determiners/titles and trailing possessives/punct."""
    while start < end and (
        doc[start].lower_ in ("the", "a", "an", "'s", "’s")
        or doc[start].is_punct
        or doc[start].text in QUOTE_STRIP
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].lower_ in ("'s", "’s", "'", "’")
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
    ):
        end -= 1
    # titles/roles: strip while the rest still holds a capitalised name word
    k = start
    last_title = -1
    while k < end - 1:
        lw = doc[k].lower_
        if lw in lx.TITLE_WORDS or (doc[k].ent_type_ == "NORP" and doc[k].pos_ == "ADJ"):
            if lw in lx.TITLE_WORDS:
                last_title = k
            k += 1
            continue
        break
    if last_title >= 0:
        rest = range(last_title + 1, end)
        if any(doc[i].text[:1].isupper() for i in rest):
            start = last_title + 1
    return start, end


def _person_like(words: list[str]) -> bool:
    """A short name that starts with a first name and holds no institution word: a person's
    name whatever the NER said ("Nikki Haley"), not "Barbara Bush Foundation for …"."""
    return len(words) <= 3 and bool(first_name_gender(words[0])) and not set(words) & lx.INSTITUTION_WORDS


def _is_title(word: str) -> bool:
    bare = word.rstrip(".")
    return bare in lx.TITLE_WORDS or f"{bare}." in lx.TITLE_WORDS


def _person_name_end(doc: Doc, start: int, end: int) -> int:
    """A person's name ends before a possessive inside the span ("Obama's 2011", "Bill
    Kristol's Twitter") and before a capitalised page-furniture word run into it ("Epstein
    MORE": a last word in capitals after words that are not)."""
    for i in range(start + 1, end):
        if doc[i].tag_ == "POS" or doc[i].lower_ in ("'s", "’s"):
            return i
    last = doc[end - 1].text
    if end - start >= 2 and len(last) >= 3 and last.isupper() and not doc[end - 2].text.isupper():
        return end - 1
    return end


def _institution_key(words: list[str]) -> str:
    """One spelling for "the Education Department" and "the Department of Education"."""
    if len(words) >= 2 and words[-1] in ("department", "ministry") and words[0] != words[-1]:
        words = [words[-1], "of", *words[:-1]]
    return " ".join(words)


def _looks_like_a_name(text: str) -> bool:
    """A name has a capital letter ("eBay" does; "n't" tagged GPE does not) and stays on one
    line ("Photo\n\nSometimes" is page furniture run into the text)."""
    return any(c.isupper() for c in text) and "\n" not in text


def _headline_fragment(doc: Doc, start: int, end: int) -> bool:
    """A title-case headline or link text taken for a name ("Department Of Education A
    History Of The …"): several capitalised function words inside it."""
    inner = [doc[i].text for i in range(start + 1, end)]
    return sum(w in HEADLINE_FUNCTION_WORDS for w in inner) >= 2


def _part_of(words: list[str], cluster: Cluster, label: str) -> bool:
    """A short name stands for a fuller one of a compatible kind: a person's surname or
    first name for that person ("Trump" → "Donald Trump", never "Trump University"), the
    first words of an organisation or place of the same label ("Goldman" → "Goldman
    Sachs"; "Iowa" is not the "Iowa State Fair"), an acronym of the same label."""
    fuller, n = cluster.words, len(words)
    labels = set(cluster.labels)
    if len(fuller) <= n:
        return False
    if n == 1 and len(words[0]) >= 2 and acronym_of(fuller) == words[0]:
        return label in labels
    if "PERSON" in labels or cluster.personal:
        return fuller[-n:] == words or (fuller[:n] == words and label not in PLACE_LABELS)
    if label == "PERSON" and _person_like(fuller):
        return fuller[-n:] == words  # "Haley" for a "Nikki Haley" the NER called an organisation
    return label in labels and (fuller[:n] == words or fuller[-n:] == words)


def _title_gender(title: str) -> str:
    if title in MALE_TITLES:
        return "m"
    if title in FEMALE_TITLES:
        return "f"
    return ""


class EntityIndex:
    """Mentions and canonical entities of one document."""

    def __init__(self, doc: Doc, doc_id: str, sent_of: list[int], text: str | None = None,
                 ents: tuple[Span, ...] | None = None):
        # Doc.text and Doc.ents are rebuilt from every token on each access: callers that
        # already hold them pass them in
        self.doc = doc
        self.text = doc.text if text is None else text
        self.doc_id = doc_id
        self.sent_of = sent_of
        self.mentions: list[RawMention] = []
        self.clusters: list[Cluster] = []
        self.tok_mention: dict[int, int] = {}
        for ent in (doc.ents if ents is None else ents):
            if ent.label_ not in ENTITY_LABELS:
                continue
            self._add_raw(ent.start, ent.end, ent.label_)
        self._cluster()

    # -- building ------------------------------------------------------------------
    def _add_raw(self, start_tok: int, end_tok: int, label: str) -> int:
        doc = self.doc
        s, e = clean_name_span(doc, start_tok, end_tok)
        if label == "PERSON":
            e = _person_name_end(doc, s, e)
        if all(_is_title(doc[i].lower_) or doc[i].is_punct for i in range(s, e)):
            return -1  # "sheriff’s Lt." split from "Jeff Hallock": a title alone is no name
        if s >= e:
            return -1
        cs = doc[s].idx
        ce = doc[e - 1].idx + len(doc[e - 1].text)
        text = self.text[cs:ce]
        if not _looks_like_a_name(text) or _headline_fragment(doc, s, e):
            return -1
        m = RawMention(s, e, cs, ce, text, label, self.sent_of[s] if self.sent_of else 0)
        # the last title word before the name: inside the NER span or right before it
        k = s - 1
        while k >= max(0, start_tok - 1) and k >= s - 4:
            w = doc[k].lower_.rstrip(".")
            if w in PERSON_TITLES or w in MALE_TITLES or w in FEMALE_TITLES:
                m.title = w
                break
            if k < start_tok or not (doc[k].lower_ in lx.TITLE_WORDS or doc[k].is_punct):
                break
            k -= 1
        self.mentions.append(m)
        idx = len(self.mentions) - 1
        for t in range(s, e):
            self.tok_mention[t] = idx
        return idx

    def _match(self, words: list[str], m: RawMention | None = None) -> int:
        if not words:
            return -1
        key = _institution_key(words)
        for c in self.clusters:
            if _institution_key(c.words) == key:
                return c.idx
        label = m.label if m is not None else ""
        cands = [c.idx for c in self.clusters if _part_of(words, c, label)]
        if not cands or m is None:
            return cands[0] if len(cands) == 1 else -1
        return self._choose(cands, m)

    def _choose(self, cands: list[int], m: RawMention) -> int:
        """Of several fuller names a short one may stand for ("Obama": Barack or Malia), the
        one its honorific agrees with ("Mrs. Clinton", "President Obama"), a person before an
        organisation named after them, the one named more often, else the one named last
        before it; when none was named before it, the tie stays unresolved (-1)."""
        m_words = _words(m.text) or [""]
        g = _title_gender(m.title)
        if g:
            cands = [k for k in cands if self.clusters[k].agrees_with(g)]
        if m.title:
            titled = [k for k in cands if any(self.mentions[i].title == m.title for i in self.clusters[k].mentions)]
            cands = titled or cands
        people = [k for k in cands if self.clusters[k].labels.get("PERSON") and self.clusters[k].words[-1] == m_words[-1]]
        cands = people or cands
        if len(cands) <= 1:
            return cands[0] if cands else -1
        named = {k: len(self.clusters[k].mentions) for k in cands}
        ranked = sorted(cands, key=lambda k: -named[k])
        if named[ranked[0]] > named[ranked[1]]:
            return ranked[0]  # the more often named: the article's "Trump" is its most-named Trump

        def last_before(k: int) -> int:
            starts = [self.mentions[i].start for i in self.clusters[k].mentions
                      if self.mentions[i].start < m.start]
            return max(starts) if starts else -1
        best = max(cands, key=last_before)
        return best if last_before(best) >= 0 else -1

    def _cluster(self) -> None:
        order = sorted(
            range(len(self.mentions)),
            key=lambda i: (-len(_words(self.mentions[i].text)), self.mentions[i].start),
        )
        for i in order:
            self._assign(i)
        self._finalise()

    def _assign(self, i: int) -> None:
        m = self.mentions[i]
        words = _words(m.text)
        k = self._match(words, m)
        if k < 0:
            k = len(self.clusters)
            self.clusters.append(Cluster(k, _norm(m.text), words))
        c = self.clusters[k]
        c.labels[m.label] += 1
        c.mentions.append(i)
        m.cluster = k
        if m.title in PERSON_TITLES or _title_gender(m.title):
            c.personal = True
            if not c.gender:
                c.gender = _title_gender(m.title)

    def _finalise(self) -> None:
        for c in self.clusters:
            if not c.labels:
                continue
            top = c.labels.most_common()
            best_n = top[0][1]
            tied = [lab for lab, n in top if n == best_n]
            if len(tied) > 1:
                full = [self.mentions[i].label for i in c.mentions
                        if _words(self.mentions[i].text) == c.words]
                label = next((lab for lab in full if lab in tied), tied[0])
            else:
                label = tied[0]
            if c.personal:
                label = "PERSON"  # "Sen. Manchin", "Ms. Rivera", a name referred to as he/she
            # single-word "people" that the model also tags as places are places
            elif label == "PERSON" and len(c.words) == 1:
                places = [lab for lab in ("GPE", "LOC") if c.labels.get(lab)]
                if places:
                    label = max(places, key=lambda lab: c.labels[lab])
            c.label = label
            c.eid = entity_id(c.canonical, label)
            if label == "PERSON" and len(c.words) >= 2:
                c.name_gender = first_name_gender(c.words[0])

    def mark_person(self, k: int, gender: str = "") -> None:
        """The cluster is referred to as he/she: a person of that gender."""
        c = self.clusters[k]
        if not c.gender and gender:
            c.gender = gender
        if not c.personal:
            c.personal = True
            if c.label != "PERSON":
                c.label = "PERSON"
                c.eid = entity_id(c.canonical, c.label)

    def add_name(self, start_tok: int, end_tok: int, label: str = "PERSON") -> int:
        """Register a name the NER missed (e.g. a quoted call sign); returns cluster."""
        for t in range(start_tok, end_tok):
            if t in self.tok_mention:
                return self.mentions[self.tok_mention[t]].cluster
        i = self._add_raw(start_tok, end_tok, label)
        if i < 0:
            return -1
        self._assign(i)
        self._finalise()
        return self.mentions[i].cluster

    # -- lookups -------------------------------------------------------------------
    def person_named(self, start_tok: int, end_tok: int) -> int:
        """The one person cluster a name the NER left untagged stands for ("Cooper said",
        with "Roy Cooper" named before), or -1."""
        words = _words(self.text[self.doc[start_tok].idx:self.doc[end_tok - 1].idx + len(self.doc[end_tok - 1])])
        k = self._match(words, RawMention(start_tok, end_tok, 0, 0, "", "PERSON", 0))
        return k if k >= 0 and self.clusters[k].label == "PERSON" else -1

    def cluster_at(self, tok: int) -> int:
        i = self.tok_mention.get(tok)
        return -1 if i is None else self.mentions[i].cluster

    def mentions_in(self, start_tok: int, end_tok: int) -> list[int]:
        seen = []
        for t in range(start_tok, end_tok):
            i = self.tok_mention.get(t)
            if i is not None and (not seen or seen[-1] != i):
                seen.append(i)
        return seen

    def mention_id(self, i: int) -> str:
        m = self.mentions[i]
        return stable_id("men", self.doc_id, m.start, m.end)

    # -- records -------------------------------------------------------------------
    def records(self) -> tuple[list[Mention], list[Entity]]:
        mentions = []
        used = set()
        for i, m in enumerate(self.mentions):
            c = self.clusters[m.cluster]
            used.add(m.cluster)
            mentions.append(Mention(
                mention_id=self.mention_id(i), doc_id=self.doc_id, entity_id=c.eid,
                start=m.start, end=m.end, text=m.text, label=c.label, sentence_index=m.sent,
            ))
        mentions.sort(key=lambda r: (r.start, r.end))
        entities = [Entity(c.eid, c.canonical, c.label) for c in self.clusters if c.idx in used]
        # one row per entity id
        seen, uniq = set(), []
        for e in entities:
            if e.entity_id not in seen:
                seen.add(e.entity_id)
                uniq.append(e)
        return mentions, uniq

    def is_media(self, k: int) -> bool:
        c = self.clusters[k]
        if c.label not in ("ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART", "PRODUCT", "FAC"):
            return False
        return any(w.strip(".'") in lx.MEDIA_NAME_WORDS for w in c.words) or (
            len(c.words) == 1 and c.words[0] in lx.MEDIA_NAME_WORDS
        )
