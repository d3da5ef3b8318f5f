"""A night's inbox full of real-world dirt: every input is ingested correctly or recorded as rejected."""

from __future__ import annotations

import json
import os
import random
import time

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_defs
from pipelines.settings import Paths, Settings

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

    result = run_job(home, PARTITION)
    assert result.success
    return home


def _table(home, sql):
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        return db.execute(sql).fetchall()


def test_every_input_is_a_document_or_a_rejection_with_the_right_reason(dirty_home):
    inbox = Paths(dirty_home).inbox_for(PARTITION)
    rejected = {os.path.basename(uri): reason for uri, reason in _table(dirty_home, "SELECT source_uri, reason FROM rejected_documents")}
    assert rejected == {
        "empty.txt": "empty", "whitespace.txt": "empty", "binary.dat": "not_text", "yen.txt": "not_text",
        "deutsch.txt": "not_english", "huge.txt": "too_large", "escape.txt": "unsafe_path",
        "feed.jsonl#L2": "malformed_json", "ferry.txt": "duplicate",
    }
    ingested = {os.path.basename(uri) for (uri,) in _table(dirty_home, "SELECT source_uri FROM documents")}
    assert ingested == {"with space.txt", "ünïcödé-名前.txt", "two..dots.txt", "latin1.txt", "utf16.txt",
                        "invalid-utf8.txt", "page.html", "ferry-rewrapped.txt", "0", "1"}
    listed = {p.name for p in inbox.iterdir() if not p.name.startswith(".")}
    accounted = {name.split("#")[0] for name in rejected} | ingested - {"0", "1"} | {"feed.jsonl"}
    assert listed == accounted  # every visible file ends up somewhere


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
    assert n_documents == 10 and with_claims >= 8


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
