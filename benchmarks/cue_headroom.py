"""How much cue F1 could more word-and-pattern rules still add? A measurement, not a test.

    .venv/bin/python -m benchmarks.cue_headroom [--tune ../shared/gold/polnear-train.jsonl]
                                                [--report ../shared/gold/polnear-dev.jsonl]
                                                [--min-count 5] [--out FILE.json]

Every attribution rule the extractor has, or could be given, fires on a token with a
lemma, a part of speech, a dependency label and a set of dependents (`pattern_of`). This
script asks what the best list of such patterns would do if gold labels chose it:

1. it runs the extractor over both gold files and scores cue-lenient P/R/F1 as
   `claims eval` does (one-to-one pairing, spec section 2);
2. for every token no predicted claim already uses as its cue, it counts per pattern how
   often the token occurs (each would become one more predicted claim) and how many
   *missed* gold claims its cue would pair with;
3. on the tune file it picks, best precision first, every pattern (seen at least
   `--min-count` times) that raises cue F1, which is as far as any rule list could go on
   that file, and applies that list to the report file, held out.

It prints the extractor's figures, the picked list's figures on both files, and a ceiling:
the same picking done on the report file itself (in sample, so no rule list tuned
elsewhere can beat it). The gold files stay outside the repository, and so does anything
learnt from them: the script keeps its patterns in memory and prints only counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.evaluation import claim_to_dict, pair_claims, published_of, read_gold, tokenize
from pipelines.extraction import DEFAULT_MODEL, extract_document, load_nlp

#: Dependents that tell one construction of a lemma from another ("said that S" vs
#: "said nothing").
PATTERN_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "nsubj", "nsubjpass", "agent",
                          "acl", "relcl", "mark", "neg", "aux"})


def pattern_of(token) -> tuple[str, str, str, tuple[str, ...]]:
    """The features a hand-written cue rule can test on one token."""
    deps = sorted({c.dep_ for c in token.children} & PATTERN_DEPS)
    return (token.lemma_.lower(), token.pos_, token.dep_, tuple(deps))


@dataclass
class PatternCounts:
    instances: int = 0
    missed_hits: set[tuple[int, int]] = field(default_factory=set)  # (doc, gold claim)


@dataclass
class GoldRun:
    """One gold file after extraction: claim-level cue counts and the unused patterns."""

    gold: int = 0
    predicted: int = 0
    paired: int = 0
    patterns: dict[tuple, PatternCounts] = field(default_factory=lambda: defaultdict(PatternCounts))

    def f1(self, extra_pred: int = 0, extra_hits: int = 0) -> dict[str, float]:
        tp, pred = self.paired + extra_hits, self.predicted + extra_pred
        p = tp / pred if pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "predicted": pred, "correct": tp}

    def with_patterns(self, chosen: list[tuple]) -> dict[str, float]:
        hits: set[tuple[int, int]] = set()
        extra = 0
        for key in chosen:
            counts = self.patterns.get(key)
            if counts is not None:
                extra += counts.instances
                hits |= counts.missed_hits
        return self.f1(extra, len(hits))


def _chars(spans) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def run_gold(nlp, path: str) -> GoldRun:
    docs = read_gold(path)
    run = GoldRun()
    parsed = nlp.pipe((d["text"] for d in docs), batch_size=32)
    for doc_index, (d, doc) in enumerate(zip(docs, parsed)):
        text, gold = d["text"], d["claims"]
        pred = [claim_to_dict(c) for c in
                extract_document(doc, d["doc_id"], published_of(d)).claims]
        paired_gold = {gi for gi, _, _ in pair_claims(text, gold, pred, tokenize(text))}
        run.gold += len(gold)
        run.predicted += len(pred)
        run.paired += len(paired_gold)
        missed_cue_at: dict[int, int] = {}
        for gi, claim in enumerate(gold):
            if gi not in paired_gold:
                for i in _chars(claim["cue"]):
                    missed_cue_at.setdefault(i, gi)
        predicted_cues = set().union(*(_chars(p["cue"]) for p in pred)) if pred else set()
        for token in doc:
            if token.is_punct or token.is_space or token.idx in predicted_cues:
                continue
            counts = run.patterns[pattern_of(token)]
            counts.instances += 1
            if token.idx in missed_cue_at:
                counts.missed_hits.add((doc_index, missed_cue_at[token.idx]))
    return run


def pick_patterns(run: GoldRun, min_count: int) -> list[tuple]:
    """Best precision first, every pattern that still raises the file's cue F1."""
    ranked = sorted(
        ((len(c.missed_hits) / c.instances, key) for key, c in run.patterns.items()
         if c.instances >= min_count and c.missed_hits),
        reverse=True)
    chosen: list[tuple] = []
    hits: set[tuple[int, int]] = set()
    extra = 0
    best = run.f1()["f1"]
    for _, key in ranked:
        counts = run.patterns[key]
        new_hits = hits | counts.missed_hits
        f1 = run.f1(extra + counts.instances, len(new_hits))["f1"]
        if f1 <= best:
            continue
        chosen.append(key)
        hits, extra, best = new_hits, extra + counts.instances, f1
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tune", default="../shared/gold/polnear-train.jsonl")
    ap.add_argument("--report", default="../shared/gold/polnear-dev.jsonl")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--out", help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    nlp = load_nlp(args.model)
    tune, report = run_gold(nlp, args.tune), run_gold(nlp, args.report)
    picked = pick_patterns(tune, args.min_count)
    ceiling = pick_patterns(report, args.min_count)
    figures = {
        "model": args.model,
        "min_count": args.min_count,
        "patterns_picked_on_tune": len(picked),
        "patterns_picked_on_report": len(ceiling),
        "tune": {"file": args.tune, "extractor": tune.f1(), "picked": tune.with_patterns(picked)},
        "report": {"file": args.report, "extractor": report.f1(),
                   "picked_on_tune": report.with_patterns(picked),
                   "ceiling_picked_on_report": report.with_patterns(ceiling)},
    }
    rows = [
        ("tune", "extractor", figures["tune"]["extractor"]),
        ("tune", f"+ {len(picked)} patterns picked on tune (in sample)", figures["tune"]["picked"]),
        ("report", "extractor", figures["report"]["extractor"]),
        ("report", f"+ the {len(picked)} patterns picked on tune (held out)",
         figures["report"]["picked_on_tune"]),
        ("report", f"+ {len(ceiling)} patterns picked on report (ceiling)",
         figures["report"]["ceiling_picked_on_report"]),
    ]
    print(f"cue-lenient, claim level; patterns seen >= {args.min_count} times")
    print(f"{'file':7} {'what':52} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6}")
    for file, what, f in rows:
        print(f"{file:7} {what:52} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} "
              f"{f['predicted']:6d}")
    if args.out:
        Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
