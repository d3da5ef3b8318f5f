"""Reading raw article files into normalised documents, and recording what was refused.

Pure Python (no Dagster): files in, `Document` and `Rejection` records out. Every input
file, and every line of a JSONL file, ends as exactly one of the two, so nothing is lost
silently.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cleaning import strip_boilerplate

if TYPE_CHECKING:
    from pipelines.inputs import InputFile

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# The parser's memory grows with a document's length (about 3.3 KB a character, measured in
# docs/operations.md); 100,000 characters is the default CLAIMS_BATCH_CHARS, so one document
# never needs more than a default batch. The longest of 31,000 corpus articles has 62,414.
MAX_DOCUMENT_CHARS = 100_000
MAX_FILE_BYTES = 8_000_000  # larger files, and longer JSONL lines, are refused unread
MIN_ENGLISH_STOPWORD_SHARE = 0.12
# spaCy's tokenizer strips punctuation from a word one mark at a time, in time that grows with
# the square of the run; prose never has such runs this long (the corpora's longest: 123).
MAX_PUNCTUATION_RUN = 200
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2100, 12, 31)  # the quality gate's range

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
_PUNCTUATION_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCTUATION_RUN + 1},}}")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Document:
    doc_id: str
    external_id: str | None
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


def _one_line(value: str | None) -> str | None:
    """A title or outlet as one line: a newline in it would break every table that lists it."""
    if not value:
        return None
    return _WHITESPACE.sub(" ", normalise_text(value)).strip() or None


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
    if (nul := text.find("\x00")) >= 0:
        return Rejection(source_uri, NOT_TEXT, f"NUL character at character {nul:,}: binary data, not prose")
    if run := _PUNCTUATION_RUN.search(text):
        return Rejection(source_uri, NOT_TEXT, (
            f"a run of {len(run.group()):,} punctuation marks or symbols ({run.group()[:3]!r}…) at character "
            f"{run.start():,}; over {MAX_PUNCTUATION_RUN} is not prose, and the tokenizer's time grows with its square"))
    if not looks_like_text(text):
        return Rejection(source_uri, NOT_TEXT, "mostly symbols or control characters, not prose")
    if not is_english(text):
        return Rejection(source_uri, NOT_ENGLISH, "too few English function words")
    return None


def _make_document(
    text: str, external_id: str | None, source_uri: str, title: str | None, outlet: str | None,
    published_at: date | None,
) -> Document | Rejection:
    text = strip_boilerplate(normalise_text(text))
    rejection = _check_text(text, source_uri)
    if rejection:
        return rejection
    return Document(
        doc_id=document_id(text),
        external_id=external_id,
        source_uri=source_uri,
        outlet=_one_line(outlet),
        title=_one_line(title),
        published_at=published_at,
        lang="en",
        text=text,
        n_chars=len(text),
        content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read_text_file(path: Path, uri: str) -> Iterator[Document | Rejection]:
    """A plain-text article (title on the first line, the body after it), or an HTML page."""
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
        yield _make_document(body, path.name, uri, title, None, None)
        return
    title, _, body = normalise_text(decoded).partition("\n")
    if not body.strip():
        title, body = None, title
    yield _make_document(body, path.name, uri, title, None, None)


def _lines(handle) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) of each line; a line over MAX_FILE_BYTES is skipped unread as None.

    Reading a bounded piece at a time keeps one huge line from being held whole in memory.
    """
    for number in itertools.count(1):
        line = handle.readline(MAX_FILE_BYTES + 1)
        if not line:
            return
        size = len(line)
        if size > MAX_FILE_BYTES:
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                size += len(line)
            yield number, None, size
        else:
            yield number, line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line, size


# The corpus fields, then the gold fields under "meta", that must each be a string or absent.
_STRING_FIELDS = ("text", "title", "source", "url", "published")
# The record's own id: the corpus files' "id", else the gold files' "doc_id"; a string or integer.
_ID_FIELDS = ("id", "doc_id")
_META_FIELDS = ("title", "publisher", "published")


def _record_id(value: object) -> object:
    """An integer id as its digits; anything else as it is, for the string checks."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _record_problem(record: dict, meta: dict, published: date | None, uri: str) -> Rejection | None:
    """Why a parsed JSON record cannot become a document: a field of the wrong type or bad text."""
    fields = [(name, _record_id(record.get(name))) for name in _ID_FIELDS]
    fields += [(name, record.get(name)) for name in _STRING_FIELDS]
    fields += [(f"meta.{name}", meta.get(name)) for name in _META_FIELDS]
    for name, value in fields:
        if value is not None and not isinstance(value, str):
            return Rejection(uri, MALFORMED, f"field '{name}' is {type(value).__name__}, not a string")
        if value and (bad := _SURROGATE.search(value)):
            return Rejection(uri, UNDECODABLE, f"field '{name}' holds a lone surrogate "
                                               f"U+{ord(bad.group()):04X} at character {bad.start():,}: not Unicode text")
        if value and name != "text" and "\x00" in value:
            return Rejection(uri, NOT_TEXT, f"field '{name}' holds a NUL character")
    if published and not EARLIEST_DATE <= published <= LATEST_DATE:
        return Rejection(uri, MALFORMED, f"published date {published} is outside {EARLIEST_DATE}..{LATEST_DATE}: "
                                         "wrong feed metadata (claim dates are resolved against it)")
    return None


def _parse_record(raw_line: bytes, uri: str) -> Document | Rejection:
    try:
        record = json.loads(raw_line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Rejection(uri, MALFORMED, f"not a JSON object: {error}"[:300])
    except RecursionError:
        return Rejection(uri, MALFORMED, "JSON nested too deeply to read")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Rejection(uri, MALFORMED, "line has no string field 'text'")
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    published = _parse_date(record.get("published") or meta.get("published"))
    if problem := _record_problem(record, meta, published, uri):
        return problem
    external_id = next((_record_id(record[name]) for name in _ID_FIELDS if record.get(name) is not None), None)
    return _make_document(
        record["text"],
        _one_line(external_id),
        record.get("url") or uri,
        record.get("title") or meta.get("title"),
        record.get("source") or meta.get("publisher"),
        published,
    )


def read_jsonl_file(path: Path, uri: str) -> Iterator[Document | Rejection]:
    """One article a line, with the fields of the corpus files (or the gold files); `uri` names the file.

    A UTF-8 byte-order mark before the first line is dropped, so the first record is read.
    """
    with path.open("rb") as handle:
        for line_number, raw_line, size in _lines(handle):
            line_uri = f"{uri}#L{line_number}"
            if raw_line is None:
                yield Rejection(line_uri, TOO_LARGE, f"line of {size:,} bytes > {MAX_FILE_BYTES:,}; not read")
            elif raw_line.strip():
                yield _parse_record(raw_line, line_uri)


def read_file(path: Path, uri: str) -> Iterator[Document | Rejection]:
    """JSONL by suffix; any other file is judged by its bytes, so binaries become `not_text`."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, uri)
        else:
            yield from read_text_file(path, uri)
    except OSError as error:  # its strerror only: the message would name the machine's path
        yield Rejection(uri, UNDECODABLE, f"cannot read: {error.strerror}")


def read_documents(files: Iterable[InputFile]) -> Iterator[Document | Rejection]:
    """Every document of the files, exact duplicates (same doc_id) turned into rejections."""
    first_seen: dict[str, str] = {}
    for file in files:
        for item in read_file(file.path, file.uri):
            if isinstance(item, Document):
                if item.doc_id in first_seen:
                    first = first_seen[item.doc_id]
                    yield Rejection(item.source_uri, DUPLICATE, f"same text as {first}", item.doc_id)
                    continue
                first_seen[item.doc_id] = item.source_uri
            yield item


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
