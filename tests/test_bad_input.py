"""A night's inbox full of real-world dirt: every input is ingested correctly or recorded as rejected.

One real run of the job reads all of it; each bad input is one rejection with its reason and a
detail naming the problem, and every good input beside it is published. Kinds covered:

Files (reason, or what is kept)
 1. empty file: empty
 2. whitespace only: empty
 3. random binary bytes: not_text
 4. a wall of one symbol (not UTF-8; as Windows-1252 all "¥"): not_text
 5. an article in German: not_english
 6. a 50 MB file: too_large, never read
 7. a document over 100,000 characters in a small file: too_large
 8. the same text re-wrapped in another file: duplicate
 9. a symlink leading outside the inbox: unsafe_path, never read
10. a symlink loop: unsafe_path
11. a broken symlink: undecodable ("cannot read")
12. a FIFO: unsafe_path, never opened (reading one blocks)
13. a file name that is not UTF-8: undecodable (and the inbox sensor still works)
14. a run of 25,000 quote marks (the tokenizer's time grows with its square): not_text
15. a dot-name (a download in progress): skipped by design
16. Latin-1 bytes: kept, decoded
17. UTF-16 with a BOM: kept, decoded
18. UTF-8 with one bad byte: kept, the byte replaced
19. an HTML page: kept as title and block text
20. names with a space, non-ASCII letters, two dots: kept
JSONL lines
21. a truncated line: malformed_json
22. a line that is a JSON list, not an object: malformed_json
23. a record without "text": malformed_json
24. "title" a number: malformed_json
25. "title" a list: malformed_json
26. "source" a number: malformed_json
27. "url" a number: malformed_json
28. a lone surrogate (\\ud800) in the text: undecodable
29. a lone surrogate in the title: undecodable
30. JSON nested 100,000 deep: malformed_json (not a RecursionError)
31. a NUL in the text: not_text
32. published 0001-01-01: malformed_json
33. published 9999-12-31: malformed_json
34. a line over 8 MB: too_large, read in bounded pieces, the next line kept
35. a UTF-8 BOM before the first record: the record kept
36. a newline in the title and in the outlet: kept, each on one line
37. terminal escape sequences in the text: kept; `claims show` prints them as \\x1b, not raw
"""

from __future__ import annotations

import json
import os
import random
import time

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_defs
from pipelines.inputs import printable_path
from pipelines.settings import Paths, Settings
from pipelines.show import render_document

from .conftest import run_job

pytestmark = pytest.mark.slow
PARTITION = "2026-11-10"

GOOD = {
    "ferry.txt": ("Ferry timetable cut for winter",
                  "The island ferry company said on Tuesday that it would run four crossings a day "
                  "instead of six from December. Its chief executive, Rhona Maclean, told the Island "
                  "Gazette that fuel costs had risen by a third since the spring and that the company "
                  "could not keep every sailing."),
    "with space.txt": ("Bakery wins regional prize",
                       "A family bakery in the old town has won the regional bread award, the judges "
                       "announced on Saturday. “We have been baking the same loaf for forty years,” said "
                       "the owner, Piotr Nowak, who added that the prize money would go to a new oven."),
    "ünïcödé-名前.txt": ("Library extends opening hours",
                         "The city library will stay open until nine in the evening on weekdays, the "
                         "council said in a statement. Students had asked for longer hours, according to "
                         "the library's director, who said the change would cost little."),
    "two..dots.txt": ("Hospital car park fees dropped",
                      "Patients will no longer pay to park at the county hospital, the health board "
                      "said on Wednesday. The board's chair, Amira Haddad, said the charges had raised "
                      "less money than expected and that staff would also park free of charge."),
}
JSONL_GOOD = [
    ("Bridge repairs finish early", "Repairs to the river bridge finished two weeks early, the highways "
     "agency said. Its engineer, Tomasz Kowalczyk, said the mild weather had helped the crews and that "
     "the road would reopen to lorries on Monday."),
    ("Orchestra names new conductor", "The national orchestra has named a new principal conductor, its "
     "board announced on Thursday. The board said that Elena Varga would take up the post in the autumn "
     "and that she had signed a five-year contract."),
]


def _article(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


@pytest.fixture(scope="module")
def dirty_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("dirty")
    inbox = Paths(home).inbox_for(PARTITION)
    inbox.mkdir(parents=True)
    for name, (title, body) in GOOD.items():
        (inbox / name).write_text(_article(title, body), encoding="utf-8")
    latin_title, latin_body = "Café owners protest rent rise", (
        "Café owners in the market square said on Friday that a rent rise of twelve percent would close "
        "several businesses. The landlord said the rise was the first in five years and that it was fair.")
    (inbox / "latin1.txt").write_bytes(_article(latin_title, latin_body).encode("latin-1"))
    utf16_title, utf16_body = "School roof to be replaced", (
        "The school roof will be replaced over the summer, the education department said. The head "
        "teacher said that leaks had closed two classrooms last winter and that pupils were pleased.")
    (inbox / "utf16.txt").write_bytes(_article(utf16_title, utf16_body).encode("utf-16"))
    bad_byte_title, bad_byte_body = "Museum reopens after flood", (
        "The town museum reopened on Sunday after flood repairs, its curator said. She said that "
        "most of the collection had been saved and that the café would open next month.")
    (inbox / "invalid-utf8.txt").write_bytes(
        _article(bad_byte_title, bad_byte_body).encode("utf-8").replace(b"flood repairs", b"flood \xffrepairs"))
    (inbox / "page.html").write_text(
        "<!doctype html><html><head><title>Tram line approved</title><style>p{}</style></head><body>"
        "<header>Menu</header><article><p>The tram extension was approved by the regional assembly on "
        "Thursday, its transport committee said.</p><p>The committee chair said that building would "
        "start in the spring and that the line would open in three years.</p></article></body></html>",
        encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "whitespace.txt").write_text(" \n\t\n   \n", encoding="utf-8")
    rng = random.Random(7)
    (inbox / "binary.dat").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (inbox / "yen.txt").write_bytes(b"\xa5" * 4096)  # not UTF-8; as Windows-1252 a wall of symbols
    (inbox / "deutsch.txt").write_text(_article(
        "Neue Brücke eröffnet", "Die neue Brücke über den Fluss wurde am Montag eröffnet, wie die Stadt "
        "mitteilte. Der Bürgermeister sagte, dass die Bauarbeiten ein Jahr gedauert hätten und dass die "
        "Kosten im Rahmen geblieben seien. Die Anwohner sind mit dem Ergebnis sehr zufrieden."), encoding="utf-8")
    with open(inbox / "huge.txt", "wb") as handle:  # 50 MB of real text
        line = b"The harbour master said the tide would turn at noon and the boats would sail.\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    title, body = GOOD["ferry.txt"]
    (inbox / "ferry-rewrapped.txt").write_text(_article(title, body.replace(" that ", "\n that  ")), encoding="utf-8")
    lines = [json.dumps({"id": str(i), "title": t, "source": "Valley Wire", "published": "2026-11-09",
                         "url": f"https://example.com/{i}", "text": b}) for i, (t, b) in enumerate(JSONL_GOOD)]
    (inbox / "feed.jsonl").write_text(lines[0] + "\n{\"id\": \"broken\", \"text\": \"unterminated\n" + lines[1] + "\n",
                                      encoding="utf-8")
    outside = home / "outside-secret.txt"
    outside.write_text(_article("Secret", "This file lies outside the inbox and must never be read. " * 5),
                       encoding="utf-8")
    (inbox / "escape.txt").symlink_to(outside)
    (inbox / ".partial-download.txt").write_text("Half a headline\n\nThe minister sa", encoding="utf-8")
    _write_bad_files(inbox)
    _write_bad_records(inbox)

    result = run_job(home, PARTITION)
    assert result.success
    return home


def _write_bad_files(inbox):
    _, body = GOOD["ferry.txt"]
    (inbox / "long.txt").write_text(_article("Long", "The minister said the bridge would reopen. " * 3000), encoding="utf-8")
    (inbox / "loop-a").symlink_to(inbox / "loop-b")
    (inbox / "loop-b").symlink_to(inbox / "loop-a")
    (inbox / "broken.txt").symlink_to(inbox / "gone.txt")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / os.fsdecode(b"latin-\xe9t\xe9.txt")).write_text(_article("Summer", body + " Indeed."), encoding="utf-8")
    (inbox / "quotes.txt").write_text(_article("Quotes", body + " " + '"' * 25_000), encoding="utf-8")


def _write_bad_records(inbox):
    body = JSONL_GOOD[0][1]
    records = [
        '["a", "list"]', json.dumps({"body": body}),
        json.dumps({"title": 5, "text": body}), json.dumps({"title": ["a"], "text": body}),
        json.dumps({"source": 7, "text": body}), json.dumps({"url": 7, "text": body}),
        '{"text": "' + body + ' \\ud800"}', '{"title": "\\ud800", "text": "' + body + '"}',
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"text": body + "\x00"}),
        json.dumps({"published": "0001-01-01", "text": body}), json.dumps({"published": "9999-12-31", "text": body}),
        json.dumps({"text": body + " " * 9_000_000}),
        json.dumps({"title": "Two-line\ntitle", "source": "Valley\nWire", "text": RECORDS_KEPT["one-line"]}),
        json.dumps({"title": "Escapes \x1b[31mred", "text": RECORDS_KEPT["escapes"]}),
    ]
    (inbox / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (inbox / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": RECORDS_KEPT["bom"]}).encode() + b"\n")


RECORDS_KEPT = {
    "one-line": "The harbour board said on Monday that the new pier would open in May. Its chairman told the "
                "local paper that the builders had finished early and that the cost had stayed within budget.",
    "escapes": "The mayor said \x1b[2J\x1b]0;owned\x07 on Friday that the tram would run all night at weekends, "
               "and the transport office said that it had hired twelve more drivers for the new timetable.",
    "bom": "The fire service said on Sunday that the blaze at the old mill had been put out. Its spokesman "
           "said that nobody had been hurt and that the building would be inspected before it reopened.",
}


def _table(home, sql):
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        return db.execute(sql).fetchall()


REJECTED = {  # name: (reason, words of its detail)
    "empty.txt": ("empty", "no text"), "whitespace.txt": ("empty", "no text"),
    "binary.dat": ("not_text", "not decodable"), "yen.txt": ("not_text", "a run of 4,096 punctuation marks or symbols"),
    "deutsch.txt": ("not_english", "function words"), "huge.txt": ("too_large", "not read"),
    "long.txt": ("too_large", "characters > 100,000"), "ferry.txt": ("duplicate", "ferry-rewrapped.txt"),
    "escape.txt": ("unsafe_path", "links outside"), "loop-a": ("unsafe_path", "symlink loop"),
    "loop-b": ("unsafe_path", "symlink loop"), "broken.txt": ("undecodable", "cannot read"),
    "pipe.txt": ("unsafe_path", "FIFO"), "latin-\\xe9t\\xe9.txt": ("undecodable", "not UTF-8"),
    "quotes.txt": ("not_text", "a run of 25,000 punctuation marks"),
    "feed.jsonl#L2": ("malformed_json", "not a JSON object"),
    "records.jsonl#L1": ("malformed_json", "no string field 'text'"),
    "records.jsonl#L2": ("malformed_json", "no string field 'text'"),
    "records.jsonl#L3": ("malformed_json", "'title' is int"),
    "records.jsonl#L4": ("malformed_json", "'title' is list"),
    "records.jsonl#L5": ("malformed_json", "'source' is int"),
    "records.jsonl#L6": ("malformed_json", "'url' is int"),
    "records.jsonl#L7": ("undecodable", "field 'text' holds a lone surrogate U+D800"),
    "records.jsonl#L8": ("undecodable", "field 'title' holds a lone surrogate U+D800"),
    "records.jsonl#L9": ("malformed_json", "nested too deeply"),
    "records.jsonl#L10": ("not_text", "NUL character"),
    "records.jsonl#L11": ("malformed_json", "published date 0001-01-01 is outside"),
    "records.jsonl#L12": ("malformed_json", "published date 9999-12-31 is outside"),
    "records.jsonl#L13": ("too_large", "not read"),
}


def test_every_input_is_a_document_or_a_rejection_with_the_right_reason(dirty_home):
    inbox = Paths(dirty_home).inbox_for(PARTITION)
    rejected = {os.path.basename(uri): (reason, detail) for uri, reason, detail in
                _table(dirty_home, "SELECT source_uri, reason, detail FROM rejected_documents")}
    assert {name: reason for name, (reason, _) in rejected.items()} == {name: r for name, (r, _) in REJECTED.items()}
    for name, (_, words) in REJECTED.items():
        assert words in rejected[name][1], (name, rejected[name][1])
        assert "\n" not in rejected[name][1]
    ingested = {os.path.basename(uri) for (uri,) in _table(dirty_home, "SELECT source_uri FROM documents")}
    assert ingested == {"with space.txt", "ünïcödé-名前.txt", "two..dots.txt", "latin1.txt", "utf16.txt",
                        "invalid-utf8.txt", "page.html", "ferry-rewrapped.txt", "0", "1",
                        "records.jsonl#L14", "records.jsonl#L15", "bom.jsonl#L1"}
    listed = {printable_path(p.name) for p in inbox.iterdir() if not p.name.startswith(".")}
    accounted = {name.split("#")[0] for name in [*rejected, *ingested]} - {"0", "1"} | {"feed.jsonl"}
    assert listed == accounted  # every visible file ends up somewhere


def test_awkward_records_are_kept_whole_on_one_line(dirty_home):
    rows = {os.path.basename(uri): (title, outlet, text) for uri, title, outlet, text in
            _table(dirty_home, "SELECT source_uri, title, outlet, text FROM documents WHERE source_uri LIKE '%jsonl#%'")}
    assert rows["records.jsonl#L14"] == ("Two-line title", "Valley Wire", RECORDS_KEPT["one-line"])
    assert rows["records.jsonl#L15"][2] == RECORDS_KEPT["escapes"]
    assert rows["bom.jsonl#L1"][2] == RECORDS_KEPT["bom"]


def test_show_prints_escape_sequences_from_the_text_as_visible_codes(dirty_home):
    [(doc_id,)] = _table(dirty_home, "SELECT doc_id FROM documents WHERE title LIKE 'Escapes%'")
    with duckdb.connect(str(Paths(dirty_home).snapshot_db), read_only=True) as db:
        shown = render_document(db, doc_id, color=False)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("Escapes \\x1b[31mred\n")
    assert "said \\x1b[2J\\x1b]0;owned\\x07 on Friday" in shown


def test_decoded_texts_are_right_and_nothing_outside_the_inbox_was_read(dirty_home):
    texts = {os.path.basename(uri): (title, text) for uri, title, text in
             _table(dirty_home, "SELECT source_uri, title, text FROM documents")}
    assert texts["latin1.txt"][0] == "Café owners protest rent rise"
    assert texts["utf16.txt"][1].startswith("The school roof will be replaced")
    assert "flood \ufffdrepairs" in texts["invalid-utf8.txt"][1] and "café" in texts["invalid-utf8.txt"][1]
    assert texts["page.html"][0] == "Tram line approved" and "Menu" not in texts["page.html"][1]
    assert not any("outside the inbox" in text for _, text in texts.values())
    assert not any("minister sa" in text for _, text in texts.values())


def test_good_documents_are_all_published_with_claims(dirty_home):
    latest = Paths(dirty_home).latest_release
    with duckdb.connect() as db:
        n_documents = db.execute(f"SELECT count(*) FROM '{latest / 'documents.parquet'}'").fetchone()[0]
        with_claims = db.execute(f"SELECT count(DISTINCT doc_id) FROM '{latest / 'claims.parquet'}'").fetchone()[0]
    assert n_documents == 13 and with_claims >= 10


def test_sensor_waits_for_a_file_still_being_written(tmp_path):
    defs = build_defs(Settings(home=tmp_path))
    sensor = defs.resolve_sensor_def("claims_inbox_sensor")
    resources = {"claims": defs.resources["claims"]}
    folder = Paths(tmp_path).inbox_for(PARTITION)
    folder.mkdir(parents=True)
    growing = folder / "growing.txt"
    title, body = GOOD["ferry.txt"]
    with open(growing, "w", encoding="utf-8") as handle:
        handle.write(_article(title, body)[:40])
        handle.flush()
        with dg.build_sensor_context(resources=resources) as context:
            assert sensor(context).skip_message  # being written: no run yet
        handle.write(_article(title, body)[40:])
    settled = time.time() - 120
    os.utime(growing, (settled, settled))
    with dg.build_sensor_context(resources=resources) as context:
        [request] = sensor(context)
    assert request.partition_key == PARTITION
    assert run_job(tmp_path, request.partition_key).success
    assert _table(tmp_path, "SELECT text FROM documents")[0][0] == body


def test_sensor_fingerprints_a_folder_with_a_name_not_in_utf8_a_link_loop_and_a_fifo(tmp_path):
    defs = build_defs(Settings(home=tmp_path))
    sensor = defs.resolve_sensor_def("claims_inbox_sensor")
    folder = Paths(tmp_path).inbox_for(PARTITION)
    folder.mkdir(parents=True)
    title, body = GOOD["ferry.txt"]
    for name in ("ferry.txt", os.fsdecode(b"caf\xe9.txt")):
        (folder / name).write_text(_article(title, body), encoding="utf-8")
        settled = time.time() - 120
        os.utime(folder / name, (settled, settled))
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    os.mkfifo(folder / "pipe")
    with dg.build_sensor_context(resources={"claims": defs.resources["claims"]}) as context:
        [request] = sensor(context)
    assert request.partition_key == PARTITION
