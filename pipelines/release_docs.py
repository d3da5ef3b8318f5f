"""The human side of a release: CHANGELOG.md, the README data card and report.html.

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

from pipelines import catalog

# Tables whose ids a changelog counts as added and removed.
# the columns that identify a row of each table, for what a release added and removed
KEYED_TABLES = {"documents": "doc_id", "claims": "claim_id", "entities": "entity_id",
                "rejected_documents": "source_uri, partition_key"}


@contextlib.contextmanager
def _parquet_views(**files: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory connection where each name is a view of one Parquet file."""
    with duckdb.connect() as connection:
        for name, path in files.items():
            connection.read_parquet(str(path)).create_view(name)
        yield connection


def diff_releases(new_dir: Path, old_dir: Path | None) -> dict:
    """What changed between two releases: ids added/removed, per-outlet counts, schema changes."""
    changes: dict = {"tables": {}, "outlets": [], "schema": []}
    for table, key in KEYED_TABLES.items():
        if old_dir is None:
            with _parquet_views(new_rows=new_dir / f"{table}.parquet") as db:
                (added,) = db.execute("SELECT count(*) FROM new_rows").fetchone()
            changes["tables"][table] = {"added": added, "removed": 0}
            continue
        with _parquet_views(new_rows=new_dir / f"{table}.parquet", old_rows=old_dir / f"{table}.parquet") as db:
            (added,) = db.execute(f"SELECT count(*) FROM (SELECT {key} FROM new_rows EXCEPT SELECT {key} FROM old_rows)").fetchone()
            (removed,) = db.execute(f"SELECT count(*) FROM (SELECT {key} FROM old_rows EXCEPT SELECT {key} FROM new_rows)").fetchone()
        changes["tables"][table] = {"added": added, "removed": removed}

    def outlet_counts(release_dir: Path) -> dict[str, tuple[int, int]]:
        with _parquet_views(documents=release_dir / "documents.parquet", claims=release_dir / "claims.parquet") as db:
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


def changelog(new_dir: Path, package: dict, old_dir: Path | None, old_package: dict | None) -> str:
    changes = diff_releases(new_dir, old_dir)
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
        "describes them (Frictionless Data Package v2) with sizes and sha256 hashes.",
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


def _bars(title: str, rows: list[tuple[str, float]], fmt: str = "{:,.0f}") -> str:
    """A horizontal bar chart as inline SVG: no plotting library, opens anywhere."""
    if not rows:
        return f"<h2>{html.escape(title)}</h2><p>No data.</p>"
    width, bar_height, label_width = 720, 22, 260
    peak = max(value for _, value in rows) or 1
    parts = [f'<svg width="{width}" height="{bar_height * len(rows) + 10}" role="img" aria-label="{html.escape(title)}">']
    for i, (label, value) in enumerate(rows):
        y = i * bar_height + 5
        length = (width - label_width - 80) * value / peak
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{html.escape(str(label)[:40])}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{bar_height - 6}" fill="#3b6ea5"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{fmt.format(value)}</text>'
        )
    parts.append("</svg>")
    return f"<h2>{html.escape(title)}</h2>" + "".join(parts)


# The report's charts: title, query over the views `claims` and `documents`, value format.
CHARTS = (
    ("Claims per outlet", """SELECT coalesce(d.outlet, '(unknown)'), count(*) FROM claims c
        JOIN documents d USING (doc_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 15""", "{:,.0f}"),
    ("Claims per day, last 31 days with claims (publication date, else ingestion day)", """SELECT * FROM (
        SELECT strftime(coalesce(d.published_at, c.partition_key::DATE), '%Y-%m-%d') AS day, count(*)
        FROM claims c JOIN documents d USING (doc_id) GROUP BY 1 ORDER BY 1 DESC LIMIT 31) ORDER BY 1""", "{:,.0f}"),
    ("Most quoted sources", """SELECT source_entity, count(*) FROM claims WHERE source_entity IS NOT NULL
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15""", "{:,.0f}"),
    ("Quote types (% of claims)",
     "SELECT quote_type, 100.0 * count(*) / sum(count(*)) OVER () FROM claims GROUP BY 1 ORDER BY 2 DESC", "{:.1f}%"),
    ("Source kinds (% of claims)",
     "SELECT source_kind, 100.0 * count(*) / sum(count(*)) OVER () FROM claims GROUP BY 1 ORDER BY 2 DESC", "{:.1f}%"),
    ("Claims per 1,000 words, by outlet", """SELECT outlet, 1000.0 * sum(n_claims) / nullif(sum(n_words), 0) FROM (
        SELECT coalesce(d.outlet, '(unknown)') AS outlet, len(regexp_extract_all(d.text, '\\w+')) AS n_words,
               (SELECT count(*) FROM claims c WHERE c.doc_id = d.doc_id) AS n_claims
        FROM documents d)
        GROUP BY 1 ORDER BY 2 DESC NULLS LAST LIMIT 15""", "{:.1f}"),
)


def html_report(release_dir: Path, package: dict) -> str:
    with _parquet_views(claims=release_dir / "claims.parquet", documents=release_dir / "documents.parquet") as db:
        charts = "\n".join(_bars(title, db.execute(sql).fetchall(), fmt) for title, sql, fmt in CHARTS)
    files = "".join(
        f'<li><a href="{html.escape(r["path"])}">{html.escape(r["path"])}</a> — {r["rows"]:,} rows, {r["bytes"]:,} bytes</li>'
        for r in package["resources"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>claims {package['version']}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;color:#222}}
svg text{{font-size:13px}} h2{{margin-top:1.6em;font-size:1.1em}}</style></head><body>
<h1>claims {html.escape(package['version'])}</h1>
<p>Extractor {html.escape(package['extractor_version'])}, model {html.escape(package['model']['name'])}
{html.escape(package['model']['version'])}, schema {html.escape(package['schema_version'])}. Created {html.escape(package['created'])}.</p>
<ul>{files}<li><a href="datapackage.json">datapackage.json</a></li><li><a href="CHANGELOG.md">CHANGELOG.md</a></li>
<li><a href="README.md">README.md</a> (data card)</li><li><a href="validation/">validation/</a></li></ul>
{charts}
</body></html>
"""
