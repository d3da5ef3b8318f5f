"""Measure extraction overhead against spaCy's own nlp.pipe time.

    python -m pipelines.extraction.bench /work/shared/corpus/bbc.jsonl --n 1000

Parses the first N texts (field "text") with nlp.pipe, timing the parse alone, then runs
extract_document over the same Docs, timing extraction alone; prints both and the ratio.
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import islice

from . import DEFAULT_MODEL, extract_document, load_nlp


def read_texts(path: str, n: int, field: str = "text") -> list[str]:
    with open(path, encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh if line.strip())
        return [r.get(field) or "" for r in islice(rows, n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--batch-size", type=int, default=64)
    a = ap.parse_args(argv)
    texts = read_texts(a.path, a.n)
    nlp = load_nlp(a.model)
    list(nlp.pipe(texts[:20]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=a.batch_size))
    t_pipe = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_claims = 0
    for i, doc in enumerate(docs):
        n_claims += len(extract_document(doc, f"d{i}", None).claims)
    t_ext = time.perf_counter() - t0
    print(json.dumps({"docs": len(docs), "tokens": sum(len(d) for d in docs),
                      "claims": n_claims, "pipe_seconds": round(t_pipe, 2),
                      "extract_seconds": round(t_ext, 2),
                      "overhead_ratio": round(t_ext / t_pipe, 4)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
