"""The extractor's safety net: a record of the samples compares equal to itself, and a
changed record is reported claim by claim."""

from __future__ import annotations

import gzip
import json

from pipelines.cli import main

from .conftest import SAMPLES


def _snapshot(tmp_path, action, record):
    return main(["snapshot", action, str(record), "--samples", str(SAMPLES),
                 "--shared", str(tmp_path / "no-shared")])


def test_a_record_compares_equal_and_a_dropped_claim_is_reported(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # the parse cache goes under the working directory
    record = tmp_path / "base.jsonl.gz"
    assert _snapshot(tmp_path, "record", record) == 0
    rows = [json.loads(line) for line in gzip.open(record, "rt", encoding="utf-8")]
    assert {row["collection"] for row in rows} == {"samples"} and len(rows) > 20
    assert all("text" not in claim and len(claim["content_text"]) == 12
               for row in rows for claim in row["claims"])  # text only as digests
    assert (tmp_path / ".cache" / "parses").is_dir()

    assert _snapshot(tmp_path, "compare", record) == 0
    assert "0 differences" in capsys.readouterr().out

    with_claims = next(row for row in rows if row["claims"])
    with_claims["claims"].pop()
    with gzip.open(record, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    assert _snapshot(tmp_path, "compare", record) == 1
    out = capsys.readouterr().out
    assert f"+ samples {with_claims['doc_id']}" in out and "1 difference" in out


def test_compare_without_a_record_says_how_to_make_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert _snapshot(tmp_path, "compare", tmp_path / "missing.jsonl.gz") == 2
    assert "claims snapshot record" in capsys.readouterr().err


def test_every_text_field_of_the_records_is_kept_only_as_a_digest():
    """A new text column must join TEXT_FIELDS, or the record would carry article text."""
    import dataclasses

    from pipelines.extraction.records import Claim, Entity, Mention
    from pipelines.snapshot import TEXT_FIELDS

    not_text = {"claim_id", "doc_id", "cue_lemma", "source_entity_id", "source_kind", "via_entity_id",
                "quote_type", "extractor_version", "mention_id", "entity_id", "label"}
    strings = {f.name for record in (Claim, Mention, Entity) for f in dataclasses.fields(record)
               if "str" in str(f.type) and "list" not in str(f.type)}
    assert strings - not_text <= set(TEXT_FIELDS), strings - not_text - set(TEXT_FIELDS)
