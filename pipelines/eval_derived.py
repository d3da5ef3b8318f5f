"""Scoring of the derived fields on paired claims, and cross-document source identity.

Spec section 2: derived fields are scored on paired claims whose content token-F1 is at
least 0.5; names are compared after case and accent folding, dropping a leading "the" and
punctuation, and two names also match when one's words are a subset of the other's and
both end in the same word ("Shinseki" / "Eric Shinseki"), because gold names follow the
fullest (encyclopedia) form. Cross-document identity is scored pairwise over claims in
different documents with a named gold source: a pair is "same" in gold when the gold names
are equal, and in the prediction when the predicted names are equal after folding.
The folding is written here, not borrowed from pipelines/linking.py: the scorer follows the
spec's words, so a change to how the product links names cannot change how it is scored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import combinations
from typing import Any

_WORD_RE = re.compile(r"\w+")


def fold_name(name: str | None) -> str | None:
    """The comparable form of a name: folded case and accents, no punctuation, no leading "the"."""
    if not name:
        return None
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _WORD_RE.findall(plain.replace("'s", "s"))
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words) or None


def names_match(gold: str | None, predicted: str | None) -> bool:
    """Equal after folding, or one's words a subset of the other's with the same last word."""
    gold_folded, predicted_folded = fold_name(gold), fold_name(predicted)
    if gold_folded is None or predicted_folded is None:
        return gold_folded == predicted_folded
    if gold_folded == predicted_folded:
        return True
    gold_words, predicted_words = gold_folded.split(), predicted_folded.split()
    if gold_words[-1] != predicted_words[-1]:
        return False
    return set(gold_words) <= set(predicted_words) or set(predicted_words) <= set(gold_words)


def roles_match(gold: str | None, predicted: str | None) -> bool:
    """A role is right when both are absent, or their folded words overlap at token-F1 >= 0.5.

    The spec leaves role scoring open; roles are descriptions ("McConnell spokesman"), so
    they are scored leniently like spans, with a leading article ignored.
    """
    gold_words = (fold_name(_drop_article(gold)) or "").split()
    predicted_words = (fold_name(_drop_article(predicted)) or "").split()
    if not gold_words or not predicted_words:
        return not gold_words and not predicted_words
    common = sum(min(gold_words.count(w), predicted_words.count(w)) for w in set(gold_words))
    if not common:
        return False
    precision, recall = common / len(predicted_words), common / len(gold_words)
    return 2 * precision * recall / (precision + recall) >= 0.5


def _drop_article(text: str | None) -> str | None:
    if text and text.split(" ", 1)[0].casefold() in ("a", "an", "the") and " " in text:
        return text.split(" ", 1)[1]
    return text


def score_derived(gold: dict, predicted: dict, counts: dict[str, Any]) -> None:
    """Add one paired claim's derived fields to `counts` (content already checked)."""
    if "source_entity" in gold:
        counts["source_entity_n"] += 1
        counts["source_entity_correct"] += names_match(gold["source_entity"], predicted.get("source_entity"))
    if "source_role" in gold:
        counts["source_role_n"] += 1
        counts["source_role_correct"] += roles_match(gold["source_role"], predicted.get("source_role"))


def identity_pairs(named_claims: Iterable[tuple[str, str, str | None]]) -> dict[str, int]:
    """Pairwise counts over claims of different documents: (doc_id, gold name, predicted name).

    Only paired claims with a named gold source take part; a claim without a predicted name
    is "same" as nothing.
    """
    rows = [(doc, fold_name(gold), fold_name(predicted)) for doc, gold, predicted in named_claims if fold_name(gold)]
    same_gold = same_predicted = same_both = 0
    for (doc_a, gold_a, pred_a), (doc_b, gold_b, pred_b) in combinations(rows, 2):
        if doc_a == doc_b:
            continue
        in_gold = gold_a == gold_b
        in_prediction = pred_a is not None and pred_a == pred_b
        same_gold += in_gold
        same_predicted += in_prediction
        same_both += in_gold and in_prediction
    return {"identity_gold_pairs": same_gold, "identity_predicted_pairs": same_predicted,
            "identity_correct_pairs": same_both}
