"""Reading raw article files into normalised documents, and recording what was refused.

Pure Python (no Dagster): files in, `Document` and `Rejection` records out. Every input
file, and every line of a JSONL file, ends as exactly one of the two, so nothing is lost
silently.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

from pipelines.cleaning import strip_boilerplate

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_DOCUMENT_CHARS = 1_000_000
MAX_FILE_BYTES = 8 * MAX_DOCUMENT_CHARS  # larger files are refused unread (JSONL files are read line by line)
MIN_ENGLISH_STOPWORD_SHARE = 0.12

# Reasons a document or line is refused; the rejected_documents.reason enum.
EMPTY = "empty"
UNDECODABLE = "undecodable"
NOT_TEXT = "not_text"
NOT_ENGLISH = "not_english"
DUPLICATE = "duplicate"
MALFORMED = "malformed_json"
TOO_LARGE = "too_large"
UNSAFE_PATH = "unsafe_path"
REJECTION_REASONS = (EMPTY, UNDECODABLE, NOT_TEXT, NOT_ENGLISH, DUPLICATE, MALFORMED, TOO_LARGE, UNSAFE_PATH)

_ENGLISH_STOPWORDS = frozenset(
    "the of and to a in is that for it on was with as he she by at from be are this have "
    "has had not but or an they his her their were which said will would been its who".split()
)
_WORD = re.compile(r"[A-Za-z]+")
_WHITESPACE = re.compile(r"\s+")
_HORIZONTAL_SPACE = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_uri: str
    outlet: str | None
    title: str | None
    published_at: date | None
    lang: str
    text: str
    n_chars: int
    content_sha256: str


@dataclass(frozen=True)
class Rejection:
    source_uri: str
    reason: str
    detail: str
    doc_id: str | None = None


def normalise_text(raw: str) -> str:
    """NFC, Unix line endings, no BOM, no trailing spaces: the text every span points into."""
    text = unicodedata.normalize("NFC", raw.replace("\ufeff", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def document_id(text: str) -> str:
    """Stable id from the text with all whitespace collapsed, so re-wrapped copies collide."""
    key = _WHITESPACE.sub(" ", text).strip()
    return "doc_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


# A well-formed UTF-8 multi-byte sequence; Latin-1 text almost never contains one.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode file bytes as text, or say why not: returns (text, rejection_reason).

    UTF-16 needs its BOM. Bytes that are not valid UTF-8 are read as UTF-8 with the bad
    bytes replaced when the file otherwise holds UTF-8 sequences, else as Windows-1252
    (a superset of Latin-1 for printable text).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, UNDECODABLE
    if b"\x00" in data:
        return None, NOT_TEXT
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 200):
        return None, UNDECODABLE
    return text, None


class _HTMLText(HTMLParser):
    """Title and block text of an HTML page; scripts, styles and page furniture dropped."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg"}
    BLOCKS = {"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "h5", "h6",
              "blockquote", "br", "tr", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.parts, self._skipping, self._in_title = "", [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skipping:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def html_to_text(page: str) -> tuple[str | None, str]:
    """(title, body text) of an HTML page."""
    parser = _HTMLText()
    parser.feed(page)
    parser.close()
    body = re.sub(r"[ \t]*\n[ \t\n]*\n\s*", "\n\n", "".join(parser.parts))
    return (parser.title.strip() or None), body


def looks_like_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation: not a binary blob decoded by force."""
    sample = text[:20000]
    wordy = sum(1 for ch in sample if ch in "\n\t" or unicodedata.category(ch)[0] in "LNZP")
    return wordy >= 0.9 * len(sample)


def is_english(text: str) -> bool:
    """Cheap stop-word test: enough to refuse non-English articles before the English model."""
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 20:
        return True
    return sum(word in _ENGLISH_STOPWORDS for word in words) / len(words) >= MIN_ENGLISH_STOPWORD_SHARE


def _parse_date(value: object) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _check_text(text: str, source_uri: str) -> Rejection | None:
    if not text:
        return Rejection(source_uri, EMPTY, "no text after normalisation")
    if len(text) > MAX_DOCUMENT_CHARS:
        return Rejection(source_uri, TOO_LARGE, f"{len(text):,} characters > {MAX_DOCUMENT_CHARS:,}")
    if not looks_like_text(text):
        return Rejection(source_uri, NOT_TEXT, "mostly symbols or control characters, not prose")
    if not is_english(text):
        return Rejection(source_uri, NOT_ENGLISH, "too few English function words")
    return None


def _make_document(
    text: str, source_uri: str, title: str | None, outlet: str | None, published_at: date | None
) -> Document | Rejection:
    text = strip_boilerplate(normalise_text(text))
    rejection = _check_text(text, source_uri)
    if rejection:
        return rejection
    return Document(
        doc_id=document_id(text),
        source_uri=source_uri,
        outlet=outlet,
        title=normalise_text(title) if title else None,
        published_at=published_at,
        lang="en",
        text=text,
        n_chars=len(text),
        content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_text_file(path: Path) -> Iterator[Document | Rejection]:
    """A plain-text article (title on the first line, the body after it), or an HTML page."""
    uri = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield Rejection(uri, TOO_LARGE, f"{size:,} bytes > {MAX_FILE_BYTES:,}; not read")
        return
    decoded, reason = decode_bytes(path.read_bytes())
    if decoded is None:
        yield Rejection(uri, reason or UNDECODABLE, "file is not decodable text")
        return
    if looks_like_html(decoded):
        title, body = html_to_text(decoded)
        yield _make_document(body, uri, title, None, None)
        return
    title, _, body = normalise_text(decoded).partition("\n")
    if not body.strip():
        title, body = None, title
    yield _make_document(body, uri, title, None, None)


def read_jsonl_file(path: Path) -> Iterator[Document | Rejection]:
    """One article a line, with the fields of the corpus files (or the gold files)."""
    with path.open("rb") as handle:
        for line_number, raw_line in enumerate(handle, start=1):
            uri = f"{path}#L{line_number}"
            if not raw_line.strip():
                continue
            if len(raw_line) > MAX_FILE_BYTES:
                yield Rejection(uri, TOO_LARGE, f"line of {len(raw_line):,} bytes > {MAX_FILE_BYTES:,}")
                continue
            try:
                record = json.loads(raw_line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                yield Rejection(uri, MALFORMED, f"not a JSON object: {error}"[:300])
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield Rejection(uri, MALFORMED, "line has no string field 'text'")
                continue
            meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
            yield _make_document(
                record["text"],
                record.get("url") or uri,
                record.get("title") or meta.get("title"),
                record.get("source") or meta.get("publisher"),
                _parse_date(record.get("published") or meta.get("published")),
            )


def list_input_files(paths: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """Files under the given paths, sorted, and the links that lead outside them.

    Names starting with a dot are skipped by design: they are hidden files or files still
    being copied in (rsync, curl and editors write to dot-names, then rename). A symlink
    whose target lies outside the folder is never read, and is recorded as `unsafe_path`.
    """
    found: list[Path] = []
    refused: list[Rejection] = []
    for path in paths:
        if not path.is_dir():
            if path.is_file():
                found.append(path)
            continue
        root = path.resolve()
        for candidate in sorted(path.rglob("*")):
            if any(part.startswith(".") for part in candidate.relative_to(path).parts):
                continue
            if not candidate.resolve().is_relative_to(root):
                refused.append(Rejection(str(candidate), UNSAFE_PATH, f"links outside {path}; not read"))
            elif candidate.is_file():
                found.append(candidate)
    return found, refused


def read_file(path: Path) -> Iterator[Document | Rejection]:
    """JSONL by suffix; any other file is judged by its bytes, so binaries become `not_text`."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path)
        else:
            yield from read_text_file(path)
    except OSError as error:
        yield Rejection(str(path), UNDECODABLE, f"cannot read: {error}")


def read_documents(files: Iterable[Path]) -> Iterator[Document | Rejection]:
    """Every document of the files, exact duplicates (same doc_id) turned into rejections."""
    first_seen: dict[str, str] = {}
    for path in files:
        for item in read_file(path):
            if isinstance(item, Document):
                if item.doc_id in first_seen:
                    first = first_seen[item.doc_id]
                    yield Rejection(item.source_uri, DUPLICATE, f"same text as {first}", item.doc_id)
                    continue
                first_seen[item.doc_id] = item.source_uri
            yield item


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
