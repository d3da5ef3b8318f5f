"""The human side of a release: CHANGELOG.md, the README data card, and what changed
between two releases (for the CHANGELOG, `claims diff` and report.html, in release_report.py).

Figures are computed with DuckDB straight from the release's Parquet files, so what the
documents say is what the files hold. Each file is a view of an in-memory connection, its
path handed to DuckDB as a value, never pasted into SQL: any character may be in CLAIMS_HOME.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines import catalog

# The columns that identify a row of each table, for what a release added and removed
KEYED_TABLES = {"documents": "doc_id", "claims": "claim_id", "entities": "entity_id",
                "rejected_documents": "source_uri, partition_key", "input_files": "source_uri, partition_key, sha256"}


@contextlib.contextmanager
def parquet_views(**files: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory connection where each name is a view of one Parquet file."""
    with duckdb.connect() as connection:
        for name, path in files.items():
            connection.read_parquet(str(path)).create_view(name)
        yield connection


def _row_count(path: Path | None) -> int:
    """Rows of a release file; 0 for a table the release does not have."""
    return pq.ParquetFile(path).metadata.num_rows if path and path.exists() else 0


def diff_releases(new_dir: Path, old_dir: Path | None) -> dict:
    """What changed between two releases: ids added/removed, per-outlet counts, schema changes."""
    changes: dict = {"tables": {}, "outlets": [], "schema": []}
    for table, key in KEYED_TABLES.items():
        new_file, old_file = new_dir / f"{table}.parquet", old_dir / f"{table}.parquet" if old_dir else None
        if old_file is None or not old_file.exists() or not new_file.exists():
            # no previous release, or a table one of the two schema versions does not have
            changes["tables"][table] = {"added": _row_count(new_file), "removed": _row_count(old_file)}
            continue
        with parquet_views(new_rows=new_file, old_rows=old_file) as db:
            (added,) = db.execute(f"SELECT count(*) FROM (SELECT {key} FROM new_rows EXCEPT SELECT {key} FROM old_rows)").fetchone()
            (removed,) = db.execute(f"SELECT count(*) FROM (SELECT {key} FROM old_rows EXCEPT SELECT {key} FROM new_rows)").fetchone()
        changes["tables"][table] = {"added": added, "removed": removed}

    def outlet_counts(release_dir: Path) -> dict[str, tuple[int, int]]:
        with parquet_views(documents=release_dir / "documents.parquet", claims=release_dir / "claims.parquet") as db:
            rows = db.execute("""
                SELECT coalesce(d.outlet, '(unknown)') AS outlet, count(DISTINCT d.doc_id), count(c.claim_id)
                FROM documents d LEFT JOIN claims c USING (doc_id)
                GROUP BY 1""").fetchall()
        return {outlet: (docs, claims) for outlet, docs, claims in rows}

    new_outlets = outlet_counts(new_dir)
    old_outlets = outlet_counts(old_dir) if old_dir else {}
    for outlet in sorted(set(new_outlets) | set(old_outlets)):
        changes["outlets"].append((outlet, old_outlets.get(outlet, (0, 0)), new_outlets.get(outlet, (0, 0))))
    return changes


def schema_changes(new_package: dict, old_package: dict | None) -> list[str]:
    if old_package is None:
        return []
    lines = []
    if new_package.get("schema_version") != old_package.get("schema_version"):
        lines.append(f"schema version {old_package.get('schema_version')} → {new_package.get('schema_version')}")
    old_resources = {r["name"]: r for r in old_package.get("resources", [])}
    for resource in new_package["resources"]:
        before = {f["name"]: f["type"] for f in old_resources.get(resource["name"], {}).get("schema", {}).get("fields", [])}
        after = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        lines += [f"{resource['name']}.{c}: added ({after[c]})" for c in after if c not in before]
        lines += [f"{resource['name']}.{c}: removed" for c in before if c not in after]
        lines += [f"{resource['name']}.{c}: type {before[c]} → {after[c]}" for c in after if c in before and before[c] != after[c]]
    return lines


def _table_cell(value: str) -> str:
    """Text from the articles as one Markdown table cell: no HTML, no column break, one line."""
    return html.escape(" ".join(value.split())).replace("|", "\\|")


def change_lines(changes: dict, new_package: dict, old_package: dict) -> list[str]:
    """What changed between two releases, a line each, as `claims diff` prints it."""
    lines = [f"{table}: +{counts['added']:,} −{counts['removed']:,}" for table, counts in changes["tables"].items()]
    lines += [f"outlet {outlet}: documents {docs_before:,} → {docs_now:,}, claims {claims_before:,} → {claims_now:,}"
              for outlet, (docs_before, claims_before), (docs_now, claims_now) in changes["outlets"]
              if (docs_before, claims_before) != (docs_now, claims_now)]
    lines += [f"schema: {line}" for line in schema_changes(new_package, old_package)]
    if old_package["extractor_version"] != new_package["extractor_version"]:
        lines.append(f"extractor: {old_package['extractor_version']} → {new_package['extractor_version']}")
    return lines


def changelog(package: dict, old_package: dict | None, changes: dict) -> str:
    since = f"since {old_package['version']}" if old_package else "(first release)"
    lines = [f"# Changelog: claims {package['version']} {since}", ""]
    lines += ["| table | added | removed | rows now |", "|---|---:|---:|---:|"]
    rows = {r["name"]: r["rows"] for r in package["resources"]}
    for table, counts in changes["tables"].items():
        lines.append(f"| {table} | {counts['added']:,} | {counts['removed']:,} | {rows[table]:,} |")
    lines += ["", "## Per outlet", "", "| outlet | documents before | documents now | claims before | claims now |",
              "|---|---:|---:|---:|---:|"]
    for outlet, (docs_before, claims_before), (docs_now, claims_now) in changes["outlets"]:
        lines.append(f"| {_table_cell(outlet)} | {docs_before:,} | {docs_now:,} | {claims_before:,} | {claims_now:,} |")
    lines += ["", "## Schema", ""]
    lines += [f"- {line}" for line in schema_changes(package, old_package)] or ["- no change"]
    return "\n".join(lines) + "\n"


def data_card(package: dict) -> str:
    rows = {r["name"]: r["rows"] for r in package["resources"]}
    lines = [
        f"# claims {package['version']}",
        "",
        "Attributed claims extracted from news articles: who said what, through whom and when,",
        "with the named entities involved. Each table is a zstd Parquet file; `datapackage.json`",
        "describes them (Frictionless Data Package v2) with their sha256 hashes.",
        "",
        "## Licence and citation",
        "",
        *[f"- Licence: [{lic.get('title', lic['name'])}]({lic['path']}) (`{lic['name']}`). The article texts in "
          "`documents.text` stay under their publishers' own terms." for lic in package["licenses"]],
        f"- Cite as: {package['citation']}",
        "- Inputs: `input_files.parquet` lists every file each ingestion day read, with its size and sha256.",
        "",
        "## How it was made",
        "",
        f"- extractor version {package['extractor_version']}, spaCy pipeline {package['model']['name']} "
        f"{package['model']['version']}, schema version {package['schema_version']}",
        f"- code commit {package.get('git_commit') or 'unknown'}; ingestion partitions: "
        f"{', '.join(package.get('partitions', [])) or 'none'}",
        "- rule-based extraction over a dependency parse: speech, report and belief verbs with their "
        "subjects and complements, 'according to', quotations, hedges; sources resolved to entities "
        "within each document (pronouns, descriptions, acronyms, short names)",
        "- every partition passed the Great Expectations suites in `validation/` before publication",
        "",
        "## Tables",
        "",
    ]
    for table, described in catalog.TABLES.items():
        lines += [f"### {table} ({rows.get(table, 0):,} rows)", "", described["description"], "",
                  "| column | meaning |", "|---|---|"]
        lines += [f"| {column} | {meaning} |" for column, meaning in described["columns"].items()]
        lines.append("")
    lines += [
        "## Known limits",
        "",
        "- Claims come from rules over spaCy's small English model: expect missed attributions with "
        "unusual cue words and some wrong content boundaries; see `docs/extraction.md` for measured quality.",
        "- Sources are resolved within a document only; the same person across documents shares an "
        "entity only when the canonical names match.",
        "- Only English articles are kept; rejected inputs are listed in rejected_documents.",
        "- Publication dates are as the feeds gave them and some are wrong.",
        "",
    ]
    return "\n".join(lines)
