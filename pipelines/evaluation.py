"""Score extracted claims against gold JSONL (spec section 2), and the `claims eval` CLI.

Pure functions, no Dagster. Claims on both sides are dicts in the gold format:
``{"source": [[s, e], ...], "cue": [...], "content": [...], "via": [...]?, ...}`` with
character offsets into the article text.

Scoring, per article then micro-averaged over claims:
1. predicted and gold claims are paired one to one; a pair needs overlapping cue tokens;
   pairs are taken greedily, best first, by token-F1 summed over source, cue and content;
2. per role, strict = same characters after trimming whitespace/punctuation at both edges
   and a leading "that"; lenient = token-F1 >= 0.5 (cue: any overlap; an empty gold
   source matches only an empty predicted source);
3. a claim is triple-correct when source, cue and content all are;
4. precision = correct / predicted, recall = correct / gold.
Tokens are ``\\w+`` runs and single punctuation marks, taken from the whole text, so a
span's tokens are the text tokens it overlaps.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from pipelines.eval_derived import identity_pairs, score_derived
from pipelines.extraction import DEFAULT_MODEL

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
ROLES = ("source", "cue", "content")
DERIVED = ("source_entity", "source_role", "via", "quote_type")
LENIENT_F1 = 0.5

Span = Sequence[Sequence[int]]


# --------------------------------------------------------------------------------------
# tokens and spans


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character offsets of the tokens of `text`: \\w+ runs and single punctuation marks."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def span_token_ids(tokens: list[tuple[int, int]], spans: Span | None) -> frozenset[int]:
    """Indices of the text tokens that a (possibly discontinuous) span overlaps."""
    if not spans:
        return frozenset()
    starts = [s for s, _ in tokens]
    out: set[int] = set()
    for frag in spans:
        s, e = int(frag[0]), int(frag[1])
        if e <= s:
            continue
        j = max(0, bisect.bisect_right(starts, s) - 1)
        while j < len(tokens) and tokens[j][0] < e:
            if tokens[j][1] > s:
                out.add(j)
            j += 1
    return frozenset(out)


def token_f1(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Token-F1 of two token sets; two empty sets agree fully."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 2.0 * common / (len(a) + len(b))


def _is_edge(ch: str) -> bool:
    return ch.isspace() or not (ch.isalnum() or ch == "_")


def normalize_span(text: str, spans: Span | None) -> str:
    """Span text for strict comparison: fragments joined by a space, edges trimmed of
    whitespace and punctuation, and a leading "that" removed."""
    if not spans:
        return ""
    s = " ".join(text[int(a):int(b)] for a, b in spans)
    while True:
        i, j = 0, len(s)
        while i < j and _is_edge(s[i]):
            i += 1
        while j > i and _is_edge(s[j - 1]):
            j -= 1
        s = s[i:j]
        m = re.match(r"that\b", s, flags=re.I)
        if m:
            s = s[m.end():]
            continue
        return s


def strict_match(text: str, gold: Span | None, pred: Span | None) -> bool:
    return normalize_span(text, gold) == normalize_span(text, pred)


# --------------------------------------------------------------------------------------
# pairing and counting


def _claim_tokens(tokens, claim: dict) -> dict[str, frozenset[int]]:
    return {role: span_token_ids(tokens, claim.get(role) or []) for role in ROLES}


def pair_claims(text: str, gold: list[dict], pred: list[dict],
                tokens: list[tuple[int, int]] | None = None) -> list[tuple[int, int, float]]:
    """One-to-one greedy pairing: (gold index, predicted index, summed role token-F1)."""
    if tokens is None:
        tokens = tokenize(text)
    gt = [_claim_tokens(tokens, c) for c in gold]
    pt = [_claim_tokens(tokens, c) for c in pred]
    cands = []
    for gi, g in enumerate(gt):
        for pi, p in enumerate(pt):
            if not (g["cue"] & p["cue"]):
                continue
            score = sum(token_f1(g[r], p[r]) for r in ROLES)
            cands.append((-score, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, -neg))
    return pairs


def role_correct(text: str, tokens, role: str, gold: dict, pred: dict) -> tuple[bool, bool]:
    """(strict, lenient) correctness of one role of a paired claim."""
    g = gold.get(role) or []
    p = pred.get(role) or []
    strict = strict_match(text, g, p)
    if role == "source" and not g:
        return (not p), (not p)
    if role == "source" and not p:
        return strict, False
    gt, pt = span_token_ids(tokens, g), span_token_ids(tokens, p)
    if role == "cue":
        lenient = bool(gt & pt)
    else:
        lenient = token_f1(gt, pt) >= LENIENT_F1
    return strict, lenient


def _via_lenient(tokens, gold: dict, pred: dict) -> bool:
    g, p = gold.get("via") or [], pred.get("via") or []
    if not g or not p:
        return not g and not p
    return token_f1(span_token_ids(tokens, g), span_token_ids(tokens, p)) >= LENIENT_F1


def new_counts() -> dict[str, Any]:
    c: dict[str, Any] = {"docs": 0, "gold": 0, "predicted": 0, "matched": 0}
    for role in ROLES + ("triple",):
        c[f"{role}_strict"] = 0
        c[f"{role}_lenient"] = 0
    for attr in DERIVED:
        c[f"{attr}_n"] = 0
        c[f"{attr}_correct"] = 0
    c["identity_claims"] = []
    return c


def score_document(text: str, gold: list[dict], pred: list[dict],
                   counts: dict[str, Any] | None = None, doc_id: str = "") -> dict[str, Any]:
    """Add one article's counts to `counts` (a new_counts() dict) and return it."""
    if counts is None:
        counts = new_counts()
    tokens = tokenize(text)
    counts["docs"] += 1
    counts["gold"] += len(gold)
    counts["predicted"] += len(pred)
    for gi, pi, _ in pair_claims(text, gold, pred, tokens):
        g, p = gold[gi], pred[pi]
        counts["matched"] += 1
        all_s = all_l = True
        for role in ROLES:
            s, l = role_correct(text, tokens, role, g, p)
            counts[f"{role}_strict"] += s
            counts[f"{role}_lenient"] += l
            all_s &= s
            all_l &= l
        counts["triple_strict"] += all_s
        counts["triple_lenient"] += all_l
        if role_correct(text, tokens, "content", g, p)[1]:
            _score_derived(tokens, g, p, counts, doc_id)
    return counts


def _score_derived(tokens, gold: dict, pred: dict, counts: dict[str, Any], doc_id: str) -> None:
    """Derived fields of a pair whose content matches leniently (spec section 2)."""
    score_derived(gold, pred, counts)
    if gold.get("source_entity"):
        counts["identity_claims"].append((doc_id, gold["source_entity"], pred.get("source_entity")))
    if "via" in gold:
        counts["via_n"] += 1
        counts["via_correct"] += _via_lenient(tokens, gold, pred)
    if gold.get("quote_type"):
        counts["quote_type_n"] += 1
        counts["quote_type_correct"] += gold.get("quote_type") == pred.get("quote_type")


def prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def summarize(counts: dict[str, Any]) -> dict[str, Any]:
    """Micro P/R/F1 per role and mode, plus attribute accuracies and raw counts."""
    out: dict[str, Any] = {"counts": {k: counts[k] for k in ("docs", "gold", "predicted", "matched")}}
    for role in ROLES + ("triple",):
        for mode in ("strict", "lenient"):
            n = counts[f"{role}_{mode}"]
            out[f"{role}_{mode}"] = {"correct": n, **prf(n, counts["predicted"], counts["gold"])}
    for attr in DERIVED:
        n = counts[f"{attr}_n"]
        c = counts[f"{attr}_correct"]
        out[f"{attr}_accuracy"] = {"correct": c, "n": n, "accuracy": round(c / n, 4) if n else None}
    pairs = identity_pairs(counts["identity_claims"])
    out["cross_document_identity"] = {**pairs, **prf(pairs["identity_correct_pairs"],
                                                      pairs["identity_predicted_pairs"],
                                                      pairs["identity_gold_pairs"])}
    return out


def format_report(summary: dict[str, Any], title: str = "") -> str:
    c = summary["counts"]
    lines = []
    if title:
        lines.append(title)
    lines.append(f"docs {c['docs']}  gold claims {c['gold']}  predicted {c['predicted']}  "
                 f"paired {c['matched']}")
    lines.append(f"{'role':<10}{'mode':<9}{'correct':>8}{'P':>8}{'R':>8}{'F1':>8}")
    for role in ROLES + ("triple",):
        for mode in ("strict", "lenient"):
            r = summary[f"{role}_{mode}"]
            lines.append(f"{role:<10}{mode:<9}{r['correct']:>8}{r['precision']:>8.3f}"
                         f"{r['recall']:>8.3f}{r['f1']:>8.3f}")
    lines.append("on paired claims whose content matches, where gold has the field:")
    for attr in DERIVED:
        a = summary[f"{attr}_accuracy"]
        acc = "-" if a["accuracy"] is None else f"{a['accuracy']:.3f}"
        lines.append(f"  {attr:<14} {a['correct']:>5}/{a['n']:<5} {acc}")
    ident = summary["cross_document_identity"]
    if ident["identity_gold_pairs"]:
        lines.append(f"cross-document source identity: P {ident['precision']:.3f}  R {ident['recall']:.3f}  "
                     f"F1 {ident['f1']:.3f}  (pairs: gold {ident['identity_gold_pairs']}, predicted "
                     f"{ident['identity_predicted_pairs']}, both {ident['identity_correct_pairs']})")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# predictions in the gold format


def _spans_json(spans) -> list[list[int]]:
    return [[int(s), int(e)] for s, e in spans]


def claim_to_dict(claim) -> dict[str, Any]:
    """A records.Claim as a gold-format dict."""
    return {
        "source": _spans_json(claim.source_spans),
        "cue": _spans_json(claim.cue_spans),
        "content": _spans_json(claim.content_spans),
        "via": _spans_json(claim.via_spans),
        "time": _spans_json(claim.time_spans),
        "source_text": claim.source_text,
        "cue_text": claim.cue_text,
        "content_text": claim.content_text,
        "via_text": claim.via_text,
        "time_text": claim.time_text,
        "cue_lemma": claim.cue_lemma,
        "source_entity": claim.source_entity,
        "source_role": claim.source_role,
        "via_entity": claim.via_entity,
        "source_kind": claim.source_kind,
        "quote_type": claim.quote_type,
        "hedged": claim.hedged,
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
        "has_number": claim.has_number,
        "confidence": claim.confidence,
        "claim_id": claim.claim_id,
    }


def read_gold(path: str) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            if "text" not in d:
                raise ValueError(f"{path}:{n}: no 'text' field")
            d.setdefault("doc_id", f"doc{n}")
            d.setdefault("claims", [])
            docs.append(d)
    return docs


def published_of(d: dict) -> date | None:
    meta = d.get("meta") or {}
    val = meta.get("published") or meta.get("published_at")
    if not val:
        return None
    try:
        return date.fromisoformat(str(val)[:10])
    except ValueError:
        return None


def evaluate(nlp, docs: Iterable[dict], predictions_fh=None, batch_size: int = 32):
    """Run the extractor over gold docs, link their entities as one day's load would, and
    return the summed counts."""
    from pipelines.extraction import extract_texts
    from pipelines.linking import link_extractions

    docs = list(docs)
    items = ((d["doc_id"], d["text"], published_of(d)) for d in docs)
    extractions = list(extract_texts(nlp, items, batch_size=batch_size))
    link_extractions(extractions)
    counts = new_counts()
    for d, ex in zip(docs, extractions):
        pred = [claim_to_dict(c) for c in ex.claims]
        score_document(d["text"], d["claims"], pred, counts, d["doc_id"])
        if predictions_fh is not None:
            row = {"doc_id": d["doc_id"], "text": d["text"]}
            if "meta" in d:
                row["meta"] = d["meta"]
            row["claims"] = pred
            predictions_fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return counts


def cli_main(gold: str, as_json: bool = False, predictions: str | None = None,
             model: str = DEFAULT_MODEL) -> int:
    """`claims eval --gold FILE [--json] [--predictions OUT] [--model NAME]`."""
    from pipelines.extraction import EXTRACTOR_VERSION, load_nlp

    model = model or DEFAULT_MODEL
    try:
        docs = read_gold(gold)
    except FileNotFoundError:
        print(f"claims: no gold file {gold} (gold files are JSONL in the spec's format; the shared "
              "ones are in ../shared/gold/ beside a checkout)", file=sys.stderr)
        return 2
    except (ValueError, UnicodeDecodeError) as error:  # json.JSONDecodeError is a ValueError
        print(f"claims: {gold} is not gold JSONL: {error}", file=sys.stderr)
        return 2
    nlp = load_nlp(model)
    fh = open(predictions, "w", encoding="utf-8") if predictions else None
    try:
        counts = evaluate(nlp, docs, fh)
    finally:
        if fh is not None:
            fh.close()
    summary = summarize(counts)
    summary["gold_file"] = gold
    summary["model"] = model
    summary["extractor_version"] = EXTRACTOR_VERSION
    if as_json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(format_report(summary, f"{gold}  model {model}  extractor {EXTRACTOR_VERSION}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m pipelines.evaluation")
    ap.add_argument("--gold", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--predictions")
    ap.add_argument("--model")
    a = ap.parse_args(argv)
    return cli_main(a.gold, as_json=a.json, predictions=a.predictions, model=a.model)


if __name__ == "__main__":
    sys.exit(main())
