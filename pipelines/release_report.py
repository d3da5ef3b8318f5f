"""A release's report.html: six charts, a sample of claims with their spans marked, the
quality gate's verdict with its warnings, and what changed since the previous release.

One self-contained file a data user opens offline. The charts stay hand-written inline SVG:
altair (installed with Great Expectations) would need vl-convert, a new dependency, to inline
the Vega JavaScript, and without it its charts load from a CDN and stay blank offline.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines import release_docs

if TYPE_CHECKING:  # quality brings pandas: imported where used, so `claims verify` and `diff` start fast
    from pipelines import quality

SAMPLE_SIZE = 12

# Span roles, in the order their CSS comes: where spans nest (a hedge's cue inside its
# content) the later colour shows. Each with the words its legend uses.
ROLES = {"content": "what is claimed", "source": "who claims it", "via": "through whom",
         "time": "when", "cue": "the attribution words"}
_ROLE_CSS = """mark{padding:0 .1em;border-radius:2px} mark.content{background:#d8efd9} mark.source{background:#cfe0fa}
mark.via{background:#ead8f5} mark.time{background:#fff0b3} mark.cue{background:#f9c6bf;font-weight:600}"""

# The end of a sentence: ., ! or ? with any closing quote or bracket, before a space; or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*(?=\s)|\n")


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

# One claim from each of up to $size documents, both picked by a hash seeded with the release
# version: the same release always shows the same sample, the next one another.
SAMPLE_SQL = f"""
SELECT d.doc_id, d.outlet, d.title, d.text, c.source_entity, c.quote_type, {", ".join(f"c.{role}_spans" for role in ROLES)}
FROM (SELECT *, row_number() OVER (PARTITION BY doc_id ORDER BY md5($seed || claim_id)) AS pick FROM claims) c
JOIN documents d USING (doc_id)
WHERE c.pick = 1
ORDER BY md5($seed || d.doc_id)
LIMIT $size"""


def mark_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` HTML-escaped, each stretch that spans cover in a <mark> whose classes are the
    roles covering it: nested or crossing spans still give well-formed HTML."""
    cuts = sorted({0, len(text), *(offset for start, end, _ in spans for offset in (start, end))})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = {role for s, e, role in spans if s <= start and end <= e}
        fragment = html.escape(text[start:end])
        classes = " ".join(role for role in ROLES if role in covering)
        pieces.append(f'<mark class="{classes}">{fragment}</mark>' if classes else fragment)
    return "".join(pieces)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding `start` to the end of the one holding `end`."""
    before = [match.end() for match in _SENTENCE_END.finditer(text, 0, start)]
    left = before[-1] if before else 0
    while left < start and text[left].isspace():
        left += 1
    after = _SENTENCE_END.search(text, end)
    if after is None:
        return left, len(text)
    return left, after.start() if after.group() == "\n" else after.end()


def _claim_item(row: tuple) -> str:
    doc_id, outlet, title, text, source_entity, quote_type, *role_spans = row
    spans = [(s["start"], s["end"], role) for role, of_role in zip(ROLES, role_spans) for s in of_role]
    left, right = sentence_bounds(text, min(s for s, _, _ in spans), max(e for _, e, _ in spans))
    excerpt = mark_spans(text[left:right], [(s - left, e - left, role) for s, e, role in spans])
    about = f"{outlet or 'unknown outlet'}: {title or '(untitled)'} · source {source_entity or '—'} · {quote_type}"
    return (f'<li><p class="about">{html.escape(about)} · <code>claims show {html.escape(doc_id)}</code></p>'
            f"<blockquote>{excerpt}</blockquote></li>")


def _sample_section(db, version: str) -> str:
    rows = db.execute(SAMPLE_SQL, {"seed": version, "size": SAMPLE_SIZE}).fetchall()
    legend = " ".join(f'<mark class="{role}">{words}</mark>' for role, words in ROLES.items())
    items = "".join(_claim_item(row) for row in rows) or "<li>No claims.</li>"
    return (f"<h2>A sample of claims</h2><p>One claim from each of {len(rows)} documents, in its sentence; "
            f"marked: {legend}.</p><ol class=\"sample\">{items}</ol>")


def _suite_verdict(report: quality.SuiteReport) -> str:
    warnings = len(report.failures)
    if not report.success:
        return "failed"
    return f"passed with {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "passed"


def validation_section(validation_dir: Path) -> str:
    """Each suite's verdict in words, and every warning as the run printed it with its reason."""
    from pipelines.quality import read_reports, summarise

    if not (validation_dir / "stats.json").exists():
        return "<h2>Validation</h2><p>No validation results came with this release.</p>"
    reports, _ = read_reports(validation_dir)
    rows = "".join(f"<tr><td>{html.escape(r.suite)}</td><td>{r.n_rows:,}</td><td>{len(r.outcomes)}</td>"
                   f"<td>{_suite_verdict(r)}</td></tr>" for r in reports)
    warnings = "".join(f"<li>{html.escape(r.suite)}: {html.escape(summarise([o]))}. "
                       f"<i>Why it is checked:</i> {html.escape(o.why)}</li>"
                       for r in reports for o in r.failures if not o.blocking)
    return ("<h2>Validation</h2><p>The Great Expectations suites of the run that made this release, over the "
            'ingestion day it loaded (details in <a href="validation/report.md">validation/report.md</a>). '
            "A warning does not hold a release back.</p><table><tr><th>suite</th><th>rows</th>"
            f"<th>expectations</th><th>verdict</th></tr>{rows}</table>"
            + (f"<h3>Warnings</h3><ul>{warnings}</ul>" if warnings else "<p>No warnings.</p>"))


def changes_section(changes: dict, package: dict, previous: dict | None) -> str:
    """What `claims diff` says between the previous release and this one."""
    if previous is None:
        return "<h2>Changes</h2><p>First release: nothing earlier to compare with.</p>"
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in release_docs.change_lines(changes, package, previous))
    return (f"<h2>Changes since {html.escape(previous['version'])}</h2><ul>{lines}</ul>"
            '<p>Per outlet and per table in <a href="CHANGELOG.md">CHANGELOG.md</a>.</p>')


def html_report(release_dir: Path, package: dict, changes: dict, previous: dict | None) -> str:
    """The report of the release in `release_dir`, whose validation/ folder is already written."""
    with release_docs.parquet_views(claims=release_dir / "claims.parquet",
                                    documents=release_dir / "documents.parquet") as db:
        charts = "\n".join(_bars(title, db.execute(sql).fetchall(), fmt) for title, sql, fmt in CHARTS)
        sample = _sample_section(db, package["version"])
    files = "".join(
        f'<li><a href="{html.escape(r["path"])}">{html.escape(r["path"])}</a> — {r["rows"]:,} rows, '
        f'{(release_dir / r["path"]).stat().st_size:,} bytes</li>'
        for r in package["resources"]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>claims {html.escape(package['version'])}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;color:#222}}
svg text{{font-size:13px}} h2{{margin-top:1.6em;font-size:1.1em}} td,th{{padding:.15em .8em;text-align:left}}
.sample p.about{{margin:.8em 0 .2em;color:#555;font-size:.9em}} blockquote{{margin:0;line-height:1.6}}
{_ROLE_CSS}</style></head><body>
<h1>claims {html.escape(package['version'])}</h1>
<p>Extractor {html.escape(package['extractor_version'])}, model {html.escape(package['model']['name'])}
{html.escape(package['model']['version'])}, schema {html.escape(package['schema_version'])}. Created {html.escape(package['created'])}.</p>
<ul>{files}<li><a href="datapackage.json">datapackage.json</a></li><li><a href="CHANGELOG.md">CHANGELOG.md</a></li>
<li><a href="README.md">README.md</a> (data card)</li><li><a href="validation/">validation/</a></li></ul>
{changes_section(changes, package, previous)}
{validation_section(release_dir / "validation")}
{charts}
{sample}
</body></html>
"""
