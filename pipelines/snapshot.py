"""The extractor's safety net: record every claim, mention and entity it makes on a fixed set
of documents, and compare a later run against that record.

    claims snapshot record OUT.jsonl.gz     # before a change
    claims snapshot compare OUT.jsonl.gz    # after it: what the change adds, drops and alters

The documents are the bundled samples, the seed article and fixed slices of the shared
corpora (the first 1,000 AllSides and 300 BBC articles), read and cleaned exactly as the
nightly job reads them. A record holds ids, offsets and field values; fields that are
article text (cue, source, content, names) are kept only as digests, so a record can be
shared without the texts. `compare` prints the text of each claim it reports, from the
documents it has just read, so a change can be read claim by claim.

Parses are cached under `.cache/parses/` (keyed by model, spaCy version and the texts), so
a compare after a code change costs only the extraction.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from pipelines.atomic import replacing
from pipelines.extraction.records import DocumentExtraction, spans_text

TEXT_FIELDS = ("cue_text", "source_text", "via_text", "content_text", "time_text",
               "source_entity", "source_role", "via_entity", "text", "canonical_name")
CORPUS_SLICES = (("allsides", "corpus/allsides-10k.jsonl", 1000), ("bbc", "corpus/bbc.jsonl", 300))
CACHE = Path(".cache") / "parses"


@dataclass(frozen=True)
class SnapshotDocument:
    collection: str
    doc_id: str
    text: str
    published_at: date | None


def snapshot_documents(samples: Path, shared: Path | None) -> Iterator[SnapshotDocument]:
    """The fixed document set, in a fixed order; the shared sets only where `shared` exists."""
    from pipelines.evaluation import published_of, read_gold
    from pipelines.ingest import Document, read_documents, read_jsonl_file
    from pipelines.inputs import list_input_files

    files, _ = list_input_files([samples])
    for item in read_documents(files):
        if isinstance(item, Document):
            yield SnapshotDocument("samples", item.doc_id, item.text, item.published_at)
    if shared is None:
        return
    for row in read_gold(str(shared / "gold" / "seed-kursk.jsonl")):
        yield SnapshotDocument("seed", row["doc_id"], row["text"], published_of(row))
    for name, relative, count in CORPUS_SLICES:
        for item in islice(read_jsonl_file(shared / relative, relative), count):
            if isinstance(item, Document):
                yield SnapshotDocument(name, item.doc_id, item.text, item.published_at)


def _digest(value: object) -> str | None:
    return None if value is None else hashlib.sha1(str(value).encode("utf-8")).hexdigest()[:12]


def _plain(record: object) -> dict:
    """A record as JSON-ready fields, article text replaced by digests."""
    fields = asdict(record)
    out = {}
    for key, value in fields.items():
        if key in TEXT_FIELDS:
            out[key] = _digest(value)
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, list):
            out[key] = [list(v) if isinstance(v, tuple) else v for v in value]
        else:
            out[key] = value
    return out


def extraction_record(collection: str, extraction: DocumentExtraction) -> dict:
    return {
        "collection": collection,
        "doc_id": extraction.doc_id,
        "claims": [_plain(c) for c in extraction.claims],
        "mentions": [_plain(m) for m in extraction.mentions],
        "entities": [_plain(e) for e in extraction.entities],
    }


def _parsed(nlp, documents: list[SnapshotDocument]):
    """Docs for the documents, from the parse cache when the same texts were parsed before."""
    import spacy
    from spacy.tokens import DocBin

    key = hashlib.sha1("\x1f".join([nlp.meta["name"], nlp.meta["version"], spacy.__version__]
                                   + [d.text for d in documents]).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((d.text for d in documents), batch_size=32))
    with replacing(path) as temporary:
        DocBin(docs=docs).to_disk(temporary)
    return docs


def run_snapshot(nlp, documents: list[SnapshotDocument]) -> Iterator[tuple[SnapshotDocument, dict]]:
    from pipelines.extraction import extract_document

    for collection in dict.fromkeys(d.collection for d in documents):
        group = [d for d in documents if d.collection == collection]
        for document, doc in zip(group, _parsed(nlp, group)):
            extraction = extract_document(doc, document.doc_id, document.published_at)
            yield document, extraction_record(collection, extraction)


def record(out: Path, nlp, documents: list[SnapshotDocument]) -> dict[str, int]:
    totals: dict[str, int] = {}
    with replacing(out) as temporary, gzip.open(temporary, "wt", encoding="utf-8") as handle:
        for _, row in run_snapshot(nlp, documents):
            handle.write(json.dumps(row, sort_keys=True) + "\n")
            totals[row["collection"]] = totals.get(row["collection"], 0) + 1
    return totals


def _claim_line(text: str, spans: dict[str, list]) -> str:
    """'[source] --cue--> «content»' of a claim, from its spans into the document text."""
    def show(key: str) -> str:
        return spans_text(text, [tuple(s) for s in spans[key]]) or "—"
    return f"[{show('source_spans')}] --{show('cue_spans')}--> «{show('content_spans')}»"[:400]


def compare(baseline: Path, nlp, documents: list[SnapshotDocument], out=sys.stdout) -> int:
    """Print what differs from the baseline; return the number of differing records."""
    with gzip.open(baseline, "rt", encoding="utf-8") as handle:
        before = {(r["collection"], r["doc_id"]): r for r in map(json.loads, handle)}
    differences = 0
    seen = set()
    for document, row in run_snapshot(nlp, documents):
        key = (row["collection"], row["doc_id"])
        seen.add(key)
        old = before.get(key)
        if old is None:
            print(f"{key[0]} {key[1]}: not in the baseline", file=out)
            differences += 1
            continue
        differences += _compare_document(document, old, row, out)
    for key in before.keys() - seen:
        print(f"{key[0]} {key[1]}: in the baseline, not read now", file=out)
        differences += 1
    return differences


def _compare_document(document, old: dict, new: dict, out) -> int:
    differences = 0
    for table in ("mentions", "entities"):
        if old[table] != new[table]:
            print(f"{document.collection} {document.doc_id}: {table} differ "
                  f"({len(old[table])} → {len(new[table])})", file=out)
            differences += 1
    old_claims = {json.dumps(c, sort_keys=True) for c in old["claims"]}
    new_claims = {json.dumps(c, sort_keys=True) for c in new["claims"]}
    for sign, claims in (("+", new_claims - old_claims), ("-", old_claims - new_claims)):
        for claim in claims:
            print(f"{sign} {document.collection} {document.doc_id}: {_claim_line(document.text, json.loads(claim))}",
                  file=out)
            differences += 1
    return differences


def main(args) -> int:
    """`claims snapshot record|compare FILE [--shared DIR] [--samples DIR] [--model NAME]`."""
    from pipelines.extraction import load_nlp

    path = Path(args.file)
    if args.action == "compare" and not path.exists():
        print(f"claims: no snapshot at {path}; make one with `claims snapshot record {path}`",
              file=sys.stderr)
        return 2
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"claims: {shared} not found; the snapshot covers the bundled samples only", file=sys.stderr)
        shared = None
    documents = list(snapshot_documents(Path(args.samples), shared))
    nlp = load_nlp(args.model)
    if args.action == "record":
        totals = record(path, nlp, documents)
        print(f"claims: recorded {sum(totals.values())} documents "
              f"({', '.join(f'{k} {v}' for k, v in totals.items())}) to {path}")
        return 0
    differences = compare(path, nlp, documents)
    print(f"claims: {len(documents)} documents compared with {path}: "
          f"{differences} difference{'s' if differences != 1 else ''}")
    return 1 if differences else 0
