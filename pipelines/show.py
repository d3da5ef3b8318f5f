"""`claims show`: a document with each claim's source, cue, via and content marked in place."""

from __future__ import annotations

import re

import duckdb

ROLES = {  # role: (plain-text marker, ANSI colour)
    "source": ("S", "34"),
    "cue": ("C", "1;31"),
    "via": ("V", "35"),
    "content": ("Q", "32"),
    "time": ("T", "33"),
}

# C0 and C1 control characters but tab and newline: from article text they would reach the
# terminal as escape sequences (colours, cursor moves, a changed window title).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character shown as \\xNN instead of sent to the terminal."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def mark_spans(text: str, spans: list[tuple[int, int, str]], color: bool) -> str:
    """`text` with each (start, end, role) span wrapped in a marker; spans must not overlap."""
    out, position = [], 0
    for start, end, role in sorted(spans):
        if start < position:
            continue
        marker, ansi = ROLES[role]
        out.append(printable(text[position:start]))
        fragment = printable(text[start:end])
        out.append(f"\x1b[{ansi}m{fragment}\x1b[0m" if color else f"[{marker}: {fragment}]")
        position = end
    out.append(printable(text[position:]))
    return "".join(out)


def render_document(connection: duckdb.DuckDBPyConnection, doc_id: str, color: bool = False) -> str | None:
    document = connection.execute(
        "SELECT title, outlet, published_at, source_uri, text FROM documents WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if document is None:
        return None
    title, outlet, published_at, source_uri, text = document
    claims = connection.execute(
        """SELECT source_spans, cue_spans, via_spans, content_spans, time_spans, source_entity, source_kind,
                  quote_type, hedged, time_text, claim_date
           FROM claims WHERE doc_id = ? ORDER BY sentence_index, cue_spans[1].start""", [doc_id]
    ).fetchall()
    lines = [printable(title or "(untitled)"),
             printable(f"{outlet or 'unknown outlet'} · {published_at or 'undated'} · {source_uri}"),
             f"{doc_id} · {len(claims)} claims", ""]
    if not color:
        lines.append("Markers: [S: source] [C: cue] [V: via] [Q: content] [T: time]")
        lines.append("")
    for number, (source, cue, via, content, time, entity, kind, quote_type, hedged, time_text, claim_date) in enumerate(claims, 1):
        spans = [(s["start"], s["end"], role)
                 for role, role_spans in (("source", source), ("cue", cue), ("via", via), ("content", content), ("time", time))
                 for s in role_spans]
        start = min(s for s, _, _ in spans)
        end = max(e for _, e, _ in spans)
        window_start = text.rfind("\n", 0, start) + 1
        window_end = text.find("\n", end)
        window_end = len(text) if window_end == -1 else window_end
        excerpt = mark_spans(text[window_start:window_end],
                             [(s - window_start, e - window_start, r) for s, e, r in spans], color)
        facts = [f"source: {entity or '—'} ({kind})", quote_type]
        if hedged:
            facts.append("hedged")
        if time_text:
            facts.append(f"time: {time_text}" + (f" = {claim_date}" if claim_date else ""))
        lines += [printable(f"{number}. " + " · ".join(facts)), f"   {excerpt}", ""]
    return "\n".join(lines)
