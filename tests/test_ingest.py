"""Ingestion rules on inputs written here: normalisation, ids, and every rejection reason."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines import ingest, inputs

ARTICLE = (
    "Harbour workers walk out\n\n"
    "The union said on Tuesday that the strike would last until the port authority "
    "agreed to talks. It is the first stoppage at the harbour in a decade, and the "
    "company that runs the cranes has warned that ships will be diverted to other ports."
)


def _read(paths: list[Path]):
    files, refused = inputs.list_input_files(paths)
    items = list(ingest.read_documents(files))
    return ([i for i in items if isinstance(i, ingest.Document)],
            refused + [i for i in items if isinstance(i, ingest.Rejection)])


def test_text_file_title_is_first_line_and_body_is_the_text(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [doc], rejected = _read([tmp_path])
    assert rejected == []
    assert doc.title == "Harbour workers walk out"
    assert doc.text.startswith("The union said on Tuesday")
    assert doc.n_chars == len(doc.text)


def test_doc_id_ignores_line_endings_and_whitespace_but_not_words():
    a = ingest.document_id(ingest.normalise_text("One  two\r\nthree"))
    b = ingest.document_id(ingest.normalise_text("One two three"))
    c = ingest.document_id(ingest.normalise_text("One two four"))
    assert a == b != c


def test_nfc_normalisation_makes_composed_and_decomposed_text_equal():
    assert ingest.normalise_text("cafe\u0301") == ingest.normalise_text("caf\u00e9") == "caf\u00e9"


def test_bad_files_are_rejected_with_reasons_and_good_ones_kept(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(ARTICLE.replace("\n", "\r\n"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \t", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "german.txt").write_text(
        "Titel\n\n" + "Die Regierung hat am Montag erklärt, dass die Steuern nicht steigen werden, "
        "weil die Wirtschaft wächst und die Einnahmen des Staates höher sind als erwartet. " * 3,
        encoding="utf-8")
    docs, rejected = _read([tmp_path])
    assert [d.source_uri for d in docs] == [f"{tmp_path.name}/copy.txt"]
    reasons = {Path(r.source_uri).name: r.reason for r in rejected}
    assert reasons == {"blank.txt": "empty", "empty.txt": "empty", "german.txt": "not_english",
                       "good.txt": "duplicate", "image.png": "not_text"}


def test_utf16_and_latin1_files_are_decoded(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes(ARTICLE.replace("union", "unión").encode("latin-1"))
    docs, rejected = _read([tmp_path])
    assert rejected == [] and len(docs) == 2
    assert any("unión" in d.text for d in docs)


def test_jsonl_lines_become_documents_or_rejections(tmp_path):
    lines = [
        json.dumps({"id": "1", "title": "T", "source": "Wire", "published": "2026-11-20",
                    "url": "https://example.com/1", "text": ARTICLE}),
        '{"id": "2", "text": "trunc',
        json.dumps({"id": "3", "text": ""}),
        json.dumps({"id": "4", "body": "no text field"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rejected = _read([tmp_path])
    assert len(docs) == 1 and docs[0].outlet == "Wire" and str(docs[0].published_at) == "2026-11-20"
    assert sorted(r.reason for r in rejected) == ["empty", "malformed_json", "malformed_json"]
    assert all("#L" in r.source_uri for r in rejected)


def test_symlink_leaving_the_folder_is_not_read_but_recorded(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "link.txt").symlink_to(outside)
    files, refused = inputs.list_input_files([inbox])
    assert files == [] and [(r.reason, r.source_uri) for r in refused] == [("unsafe_path", "inbox/link.txt")]
    assert str(tmp_path) not in refused[0].detail


def test_html_page_becomes_title_and_body_text(tmp_path):
    (tmp_path / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Port strike ends</title><script>var x = 1;</script></head>"
        "<body><nav>Home | World</nav><p>The union said on Friday that its members had voted to "
        "accept the offer &amp; return to work.</p><p>The company said it was relieved.</p></body></html>",
        encoding="utf-8")
    [doc], rejected = _read([tmp_path])
    assert rejected == [] and doc.title == "Port strike ends"
    assert doc.text == ("The union said on Friday that its members had voted to accept the offer & return to work."
                        "\n\nThe company said it was relieved.")


def test_utf8_with_a_bad_byte_keeps_its_other_characters(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.replace("union", "unión").encode("utf-8").replace(b"strike", b"str\xffike"))
    [doc], _ = _read([tmp_path])
    assert "unión" in doc.text and "str\ufffdike" in doc.text


def test_oversized_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_text(ARTICLE, encoding="utf-8")
    _, [rejection] = _read([tmp_path])
    assert rejection.reason == "too_large"


def test_source_uris_are_paths_below_the_folder_that_held_the_input(tmp_path):
    """Never a path of the machine: the inbox day folder, an --input folder or file by name."""
    (tmp_path / "inbox" / "2026-11-23" / "sub").mkdir(parents=True)
    (tmp_path / "inbox" / "2026-11-23" / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("decade", "century"), encoding="utf-8")
    docs, _ = _read([tmp_path / "inbox" / "2026-11-23", tmp_path / "b.txt"])
    assert [d.source_uri for d in docs] == ["2026-11-23/sub/a.txt", "b.txt"]
    assert [d.external_id for d in docs] == ["a.txt", "b.txt"]


def test_external_id_is_the_records_own_id_or_none(tmp_path):
    records = [{"id": "wire-1", "text": ARTICLE}, {"id": 7, "text": ARTICLE + " One."},
               {"doc_id": "gold-3", "text": ARTICLE + " Two."}, {"text": ARTICLE + " Three."},
               {"id": {"nested": 1}, "text": ARTICLE + " Four."}]
    (tmp_path / "feed.jsonl").write_text("\n".join(map(json.dumps, records)) + "\n", encoding="utf-8")
    docs, [rejected] = _read([tmp_path / "feed.jsonl"])
    assert [d.external_id for d in docs] == ["wire-1", "7", "gold-3", None]
    assert [d.source_uri for d in docs] == [f"feed.jsonl#L{n}" for n in range(1, 5)]
    assert (rejected.source_uri, rejected.reason) == ("feed.jsonl#L5", "malformed_json")
    assert "field 'id' is dict" in rejected.detail


def test_input_files_are_checksummed_by_their_published_name(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [file], _ = inputs.list_input_files([tmp_path / "a.txt"])
    data = (tmp_path / "a.txt").read_bytes()
    assert inputs.checksum_row(file, "2026-11-23") == {
        "source_uri": "a.txt", "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
        "partition_key": "2026-11-23"}
