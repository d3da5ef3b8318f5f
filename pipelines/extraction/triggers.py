"""Finding cue tokens: the forms' trigger patterns, in spaCy's Matcher and DependencyMatcher
pattern language, matched at anchors a PhraseMatcher finds.

Every pattern constrains its cue token's LOWER or LEMMA (a word or an `IN` list); those
words go into one PhraseMatcher per attribute, which finds the anchors in a single fast
pass. The rest of the pattern (other token attributes, following tokens of a token
pattern, the nodes of a dependency pattern around the cue) is checked at each anchor only.
spaCy's own Matcher and DependencyMatcher give the same matches
(tests/test_forms_catalogue.py checks that) but cost about a millisecond per call and
pattern, which on a news article is more than all the forms' Python together.
Supported: token attributes LOWER, LEMMA, POS, TAG, DEP, with a value or `{"IN": [...]}`;
dependency operators `>` (immediate child) and `<` (immediate head).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

ATTRIBUTES = {
    "LOWER": lambda t: t.lower_, "LEMMA": lambda t: t.lemma_, "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_,
}
ANCHOR_ATTRIBUTES = ("LOWER", "LEMMA")


@dataclass(frozen=True)
class Trigger:
    """What wakes a form: Matcher token patterns (the cue is the first token) or, with
    `dependency`, DependencyMatcher patterns (the cue is the first node, named 'cue')."""

    name: str
    patterns: list = field(default_factory=list)
    dependency: bool = False


def _compiled(trigger: str, attrs: dict) -> tuple[tuple[str, object], ...]:
    """Token attributes with `IN` lists turned into sets, for fast checks; anything this
    matcher does not support is refused when the catalogue loads, not on some document."""
    checks = []
    for key, want in attrs.items():
        if key not in ATTRIBUTES:
            raise ValueError(f"trigger {trigger}: token attribute {key} is not supported ({', '.join(ATTRIBUTES)})")
        if isinstance(want, dict) and set(want) != {"IN"}:
            raise ValueError(f"trigger {trigger}: {key} supports a value or {{'IN': [...]}}, not {want}")
        checks.append((key, frozenset(want["IN"]) if isinstance(want, dict) else want))
    return tuple(checks)


def _accepts(token: Token, checks: tuple[tuple[str, object], ...]) -> bool:
    for key, want in checks:
        value = ATTRIBUTES[key](token)
        if value not in want if isinstance(want, frozenset) else value != want:
            return False
    return True


def _dependency_match(cue: Token, nodes: list[tuple[str, str, str, tuple]], bound: dict[str, Token]) -> bool:
    """Whether the nodes after the cue can all be bound around it (depth-first)."""
    if not nodes:
        return True
    left_id, operator, right_id, checks = nodes[0]
    left = bound[left_id]
    if operator == ">":
        candidates = list(left.children)
    else:
        candidates = [left.head] if left.head.i != left.i else []
    for candidate in candidates:
        if _accepts(candidate, checks) and _dependency_match(cue, nodes[1:], {**bound, right_id: candidate}):
            return True
    return False


@dataclass
class _Pattern:
    trigger: str
    anchor: tuple[str, frozenset[str]]  # attribute and words of the cue token
    tokens: list[tuple]  # token pattern: checks for the cue and each following token
    nodes: list[tuple]  # dependency pattern: (left id, operator, right id, checks) after the cue

    def matches(self, doc: Doc, i: int) -> bool:
        if self.nodes or len(self.tokens) == 1:
            return _accepts(doc[i], self.tokens[0]) and _dependency_match(doc[i], self.nodes, {"cue": doc[i]})
        if i + len(self.tokens) > len(doc):
            return False
        return all(_accepts(doc[i + k], checks) for k, checks in enumerate(self.tokens))


def _pattern(trigger: Trigger, spec: list[dict]) -> _Pattern:
    first = spec[0]["RIGHT_ATTRS"] if trigger.dependency else spec[0]
    cue_checks = _compiled(trigger.name, first)
    key = next((k for k in ANCHOR_ATTRIBUTES if k in first), None)
    if key is None:
        raise ValueError(f"trigger {trigger.name}: the cue token needs a LOWER or LEMMA constraint")
    words = first[key]["IN"] if isinstance(first[key], dict) else [first[key]]
    if not trigger.dependency:
        return _Pattern(trigger.name, (key, frozenset(words)),
                        [cue_checks] + [_compiled(trigger.name, t) for t in spec[1:]], [])
    if spec[0].get("RIGHT_ID") != "cue":
        raise ValueError(f"trigger {trigger.name}: the first node must be the cue")
    nodes = [(n["LEFT_ID"], n["REL_OP"], n["RIGHT_ID"], _compiled(trigger.name, n.get("RIGHT_ATTRS", {})))
             for n in spec[1:]]
    if any(op not in (">", "<") for _, op, _, _ in nodes):
        raise ValueError(f"trigger {trigger.name}: only the > and < operators are supported")
    return _Pattern(trigger.name, (key, frozenset(words)), [cue_checks], nodes)


class TriggerIndex:
    """Every trigger of the catalogue, compiled for one vocabulary."""

    def __init__(self, vocab: Vocab, triggers: list[Trigger]):
        self.patterns = [_pattern(t, spec) for t in triggers for spec in t.patterns]
        self.anchors = {key: PhraseMatcher(vocab, attr=key) for key in ANCHOR_ATTRIBUTES}
        self.pattern_of: dict[int, _Pattern] = {}  # PhraseMatcher match id -> pattern
        for n, pattern in enumerate(self.patterns):
            key, words = pattern.anchor
            docs = [Doc(vocab, words=[w], lemmas=[w] if key == "LEMMA" else None) for w in sorted(words)]
            self.anchors[key].add(f"pattern-{n}", docs)
            self.pattern_of[vocab.strings[f"pattern-{n}"]] = pattern

    def fired(self, doc: Doc) -> dict[int, set[str]]:
        """Cue token index -> the names of the triggers whose patterns match there."""
        out: dict[int, set[str]] = {}
        for matcher in self.anchors.values():
            for match_id, i, _ in matcher(doc):
                pattern = self.pattern_of[match_id]
                if pattern.matches(doc, i):
                    out.setdefault(i, set()).add(pattern.trigger)
        return out
