"""Which files a run reads, the name each is published under, and their checksums.

A file is named by its path below the folder that holds the path it was given in: an inbox
file as `<YYYY-MM-DD>/name` (relative to the inbox), a file under `--input <folder>` as
`<folder>/…/name`, an `--input` file as its name. So no release ever carries a path of the
machine that ran the job, and the same inbox gives the same names on any machine.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest import UNDECODABLE, UNSAFE_PATH, Rejection


@dataclass(frozen=True)
class InputFile:
    path: Path
    uri: str
    """The name it is published under (documents.source_uri, input_files.source_uri)."""


def printable_path(path: Path) -> str:
    """The path as text; bytes of a name that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _refusal(candidate: Path, relative: Path, root: Path | None) -> Rejection | None:
    """Why an inbox entry must not be read, if it must not: each of these is never opened."""
    uri = printable_path(relative)
    if uri != str(relative):
        return Rejection(uri, UNDECODABLE, "file name is not UTF-8; rename it to have it read")
    try:
        target = candidate.resolve(strict=False)
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError on a symlink loop
        return Rejection(uri, UNSAFE_PATH, "symlink loop or unreadable link; not read")
    if root is not None and not target.is_relative_to(root):
        return Rejection(uri, UNSAFE_PATH, f"links outside {relative.parts[0]}/; not read")
    try:
        mode = candidate.stat().st_mode
    except OSError as error:
        return Rejection(uri, UNDECODABLE, f"cannot read: {error.strerror} (a broken link?)")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Rejection(uri, UNSAFE_PATH, "not a regular file (a FIFO, socket or device); not read")
    return None


def list_input_files(paths: Iterable[Path]) -> tuple[list[InputFile], list[Rejection]]:
    """Files under the given paths, sorted, and the entries that must not be read.

    Names starting with a dot are skipped by design: they are hidden files or files still
    being copied in (rsync, curl and editors write to dot-names, then rename). Everything
    else is a file to read or a rejection (`_refusal`): a link leading outside the folder or
    in a loop, a FIFO or device (reading one would block or never end), a name not in UTF-8.
    """
    found: list[InputFile] = []
    refused: list[Rejection] = []
    for path in paths:
        root = path.resolve() if path.is_dir() else None
        candidates = sorted(path.rglob("*")) if root else [path]
        for candidate in candidates:
            if root and any(part.startswith(".") for part in candidate.relative_to(path).parts):
                continue
            relative = Path(path.name, candidate.relative_to(path))
            if rejection := _refusal(candidate, relative, root):
                refused.append(rejection)
            elif candidate.is_file():
                found.append(InputFile(candidate, str(relative)))
    return found, refused


def checksum_row(file: InputFile, partition_key: str) -> dict | None:
    """The file's input_files row: size and sha256, read in blocks so a large file costs no memory.

    None when it cannot be read; reading it for its text then records the rejection.
    """
    digest, size = hashlib.sha256(), 0
    try:
        with open(file.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except OSError:
        return None
    return {"source_uri": file.uri, "bytes": size, "sha256": digest.hexdigest(), "partition_key": partition_key}
