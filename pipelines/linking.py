"""Entities across documents and days: one entity for Donald Trump whether an article says
"Trump", "Donald J. Trump" or "Donald Trump".

Each document resolves its own names (extraction/entities.py) and names its entities by
canonical name and label; those per-document ids are the *aliases* here. The dataset's
entities are made of aliases, each linked by one of these rules, tried in order and kept
with the alias (`entity_aliases.link`):

- ``exact``: the same name after folding case, accents, punctuation and a leading "the",
  of a compatible kind (person, place, organisation: a person never joins an organisation
  named after them);
- ``middle_initial``: a person's name without its middle initials ("Donald J. Trump");
- ``middle_name``: a person's first and last name without the middle one ("Sarah
  Huckabee Sanders" and "Sarah Sanders");
- ``extra_word``: a person's name with a leading word that is no first name, which the NER
  ran into it from a headline ("Add Donald Trump");
- ``surname``: a one-word person name joins the dominant full name ending in it: the one
  named in at least `DOMINANCE` times as many documents as any other full name ending in
  it ("Obama" is Barack Obama unless Michelle Obama is about as common);
- ``new``: none of these; the alias founds an entity, whose id and canonical name are the
  alias' own.

Links are never redone: an alias keeps its entity on every later day, so a published id is
never renumbered. The one change allowed is a *merge*: a one-word person entity founded
before its full name was common ("Trump" on a day no article said "Donald Trump") joins
the full name once it dominates; the merge is recorded (`entity_merges`) so the old id
still resolves.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipelines.extraction.gender import first_name_gender

DOMINANCE = 3
KIND_OF_LABEL = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Alias:
    """A per-document entity id with its name, label and how many documents name it."""

    alias_id: str
    name: str
    label: str
    n_documents: int = 1


@dataclass(frozen=True)
class Link:
    alias_id: str
    entity_id: str
    link: str


@dataclass(frozen=True)
class Merge:
    entity_id: str
    merged_into: str


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, punctuation, a leading "the"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    words = _WORD.findall("".join(ch for ch in decomposed if not unicodedata.combining(ch))
                          .casefold().replace("'s", "s"))
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def _kind(label: str) -> str:
    return KIND_OF_LABEL.get(label, "organization")


def _without_initials(key: str) -> str:
    words = key.split()
    if len(words) <= 2:
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


def _first_and_last(key: str) -> str:
    """"sarah huckabee sanders" → "sarah sanders": a middle name dropped."""
    words = key.split()
    return f"{words[0]} {words[-1]}" if len(words) > 2 else key


def _without_leading_word(key: str) -> str:
    """"add donald trump" → "donald trump": a headline word the NER ran into the name, when
    the word is no first name."""
    words = key.split()
    if len(words) > 2 and not first_name_gender(words[0]):
        return " ".join(words[1:])
    return key


class Linker:
    """The dataset's aliases, and the linking of new ones against them."""

    def __init__(self, known: Iterable[Link], aliases: Iterable[Alias]):
        self.entity_of = {link.alias_id: link.entity_id for link in known}
        self.link_of = {link.alias_id: link.link for link in known}
        self.aliases = {a.alias_id: a for a in aliases}
        self.by_key: dict[tuple[str, str], str] = {}
        # a person's name without middle initials or middle name -> (entity, link)
        self.by_variant: dict[tuple[str, str], tuple[str, str]] = {}
        self.full_names: dict[str, Counter] = defaultdict(Counter)  # surname -> entity -> documents
        for alias_id, entity in self.entity_of.items():
            if alias_id in self.aliases:
                self._index(self.aliases[alias_id], entity)

    def _index(self, alias: Alias, entity: str) -> None:
        key, kind = name_key(alias.name), _kind(alias.label)
        self.by_key.setdefault((key, kind), entity)
        if kind == "person":
            self.by_variant.setdefault((_without_initials(key), kind), (entity, "middle_initial"))
            self.by_variant.setdefault((_first_and_last(key), kind), (entity, "middle_name"))
        if kind == "person" and len(key.split()) >= 2:
            self.full_names[key.split()[-1]][entity] += alias.n_documents

    def link_new(self, new: Iterable[Alias]) -> list[Link]:
        """Links of aliases not linked before: the most-named first, so that an entity is
        founded by its common form ("Donald Trump", not "Donald J. Trump"), and surnames
        last, so that they can join a full name of the same batch; a name in capitals
        ("HILLARY CLINTON", a transcript's speaker line) founds one only when no other does."""
        links, surnames = [], []
        for alias in sorted(new, key=lambda a: (a.name.isupper(), -a.n_documents, -len(name_key(a.name).split()),
                                                a.alias_id)):
            if alias.alias_id in self.entity_of or not name_key(alias.name):
                continue
            self.aliases[alias.alias_id] = alias
            key, kind = name_key(alias.name), _kind(alias.label)
            if kind == "person" and len(key.split()) == 1 and (key, kind) not in self.by_key:
                surnames.append(alias)
                continue
            links.append(self._add(alias, *self._match(key, kind)))
        links += [self._add(alias, *self._surname(alias)) for alias in surnames]
        return links

    def _match(self, key: str, kind: str) -> tuple[str | None, str]:
        if (key, kind) in self.by_key:
            return self.by_key[(key, kind)], "exact"
        if kind != "person":
            return None, "new"
        variants = ((_without_initials(key), "middle_initial"), (_first_and_last(key), "middle_name"),
                    (_without_leading_word(key), "extra_word"))
        for variant, link in variants:
            if (variant, kind) in self.by_key:
                return self.by_key[(variant, kind)], link
        if (key, kind) in self.by_variant:  # the short form of a longer name ("Sarah Sanders")
            return self.by_variant[(key, kind)]
        return None, "new"

    def _surname(self, alias: Alias) -> tuple[str | None, str]:
        entity = self.dominant_full_name(name_key(alias.name))
        return (entity, "surname") if entity else (None, "new")

    def dominant_full_name(self, surname: str) -> str | None:
        ranked = self.full_names.get(surname, Counter()).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]):
            return ranked[0][0]
        return None

    def _add(self, alias: Alias, entity: str | None, link: str) -> Link:
        entity = entity or alias.alias_id
        self.entity_of[alias.alias_id] = entity
        self.link_of[alias.alias_id] = link
        self._index(alias, entity)
        return Link(alias.alias_id, entity, link)

    def merges(self) -> list[Merge]:
        """One-word person entities founded earlier whose full name now dominates."""
        out = []
        for alias_id, entity in self.entity_of.items():
            alias = self.aliases.get(alias_id)
            if alias is None or entity != alias_id or self.link_of[alias_id] != "new" or _kind(alias.label) != "person":
                continue
            key = name_key(alias.name)
            target = self.dominant_full_name(key) if len(key.split()) == 1 else None
            if target is not None and target != entity:
                out.append(Merge(entity, target))
        return out


def link_partition(connection, partition_key: str) -> dict[str, int]:
    """Link the partition's per-document entities into the dataset's entities and point its
    rows (and those of merged entities) at them; runs inside the load's transaction."""
    from pipelines.warehouse import read_sql  # warehouse calls this module inside its load

    documents = dict(connection.execute(
        "SELECT entity_id, count(DISTINCT doc_id) FROM document_entities GROUP BY entity_id").fetchall())
    known_rows = connection.execute("SELECT alias_id, alias, label, entity_id, link FROM entity_aliases").fetchall()
    known = [Link(alias_id, entity, link) for alias_id, _, _, entity, link in known_rows]
    aliases = [Alias(alias_id, alias, label, documents.get(alias_id, 0)) for alias_id, alias, label, _, _ in known_rows]
    incoming = [Alias(alias_id, name, label, documents.get(alias_id, 1)) for alias_id, name, label in connection.execute(
        "SELECT entity_id, min(canonical_name), min(label) FROM document_entities WHERE partition_key = ? "
        "GROUP BY entity_id", [partition_key]).fetchall()]
    linker = Linker(known, aliases)
    links = linker.link_new(incoming)
    by_id = {a.alias_id: a for a in incoming}
    if links:
        connection.executemany(
            "INSERT INTO entity_aliases VALUES (?, ?, ?, ?, ?, ?)",
            [(lnk.alias_id, by_id[lnk.alias_id].name, by_id[lnk.alias_id].label, lnk.entity_id, lnk.link, partition_key)
             for lnk in links])
    merges = linker.merges()
    for merge in merges:
        connection.execute("UPDATE entity_aliases SET entity_id = ? WHERE entity_id = ?", [merge.merged_into, merge.entity_id])
        connection.execute("UPDATE entity_aliases SET link = 'surname' WHERE alias_id = ?", [merge.entity_id])
        connection.execute("UPDATE entity_merges SET merged_into = ? WHERE merged_into = ?", [merge.merged_into, merge.entity_id])
        connection.execute("INSERT INTO entity_merges VALUES (?, ?, ?)", [merge.entity_id, merge.merged_into, partition_key])
    connection.execute("CREATE OR REPLACE TEMP TABLE relinked (alias_id VARCHAR, entity_id VARCHAR)")
    connection.execute(
        "INSERT INTO relinked SELECT a.alias_id, a.entity_id FROM entity_aliases a "
        "WHERE a.alias_id IN (SELECT entity_id FROM document_entities WHERE partition_key = ?)", [partition_key])
    if merges:
        connection.executemany("INSERT INTO relinked VALUES (?, ?)", [(m.entity_id, m.merged_into) for m in merges])
    connection.execute(read_sql("link_entities.sql"))
    return {"new_aliases": len(links), "merges": len(merges)}


def link_extractions(extractions: list) -> None:
    """Link the entities of a batch of DocumentExtractions as a load of one day would, and
    give their claims the dataset entities' ids and canonical names (what `claims eval`
    scores, so that it measures the published source_entity)."""
    documents: Counter = Counter()
    first: dict[str, tuple[str, str]] = {}
    for ex in extractions:
        for entity in ex.entities:
            documents[entity.entity_id] += 1
            first.setdefault(entity.entity_id, (entity.canonical_name, entity.label))
    aliases = [Alias(alias_id, name, label, documents[alias_id]) for alias_id, (name, label) in first.items()]
    linker = Linker([], [])
    linker.link_new(aliases)
    names = {alias_id: first[entity][0] for alias_id, entity in linker.entity_of.items()}
    for ex in extractions:
        for claim in ex.claims:
            for id_field, name_field in (("source_entity_id", "source_entity"), ("via_entity_id", "via_entity")):
                alias_id = getattr(claim, id_field)
                if alias_id in linker.entity_of:
                    setattr(claim, id_field, linker.entity_of[alias_id])
                    setattr(claim, name_field, names[alias_id])
