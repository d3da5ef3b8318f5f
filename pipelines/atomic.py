"""Write-then-rename: a file, folder or symlink appears under its name complete, or not at all.

New content is written under a temporary name in the target's own folder (so the rename never
crosses file systems), flushed to disk, then renamed over the target. The temporary name
carries the process id, so two processes writing one target never share a half-written file;
a killed process leaves at most a dot-name `.<name>.<pid>.tmp` beside the target, which
`discard_abandoned` removes once that process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path


_TEMPORARY_NAME = re.compile(r"\..+\.(\d+)\.tmp")


def temporary_path(path: Path) -> Path:
    """This process's temporary name for `path`, in the same folder."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or a folder with everything in it; a symlink is only a folder entry."""
    if path.is_symlink():
        return
    if path.is_dir():
        for child in path.rglob("*"):
            if not child.is_symlink():
                _fsync(child)
    _fsync(path)


def commit(temporary: Path, path: Path) -> None:
    """Flush `temporary` to disk and rename it over `path`, durably.

    A folder is only renamed onto a name that is free (or an empty folder), as rename(2) does.
    """
    _flush_to_disk(temporary)
    os.replace(temporary, path)
    _fsync(path.parent)


def discard(temporary: Path) -> None:
    """Remove an unfinished temporary file, symlink or folder."""
    if temporary.is_dir() and not temporary.is_symlink():
        shutil.rmtree(temporary, ignore_errors=True)
    else:
        temporary.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def discard_abandoned(folder: Path) -> list[Path]:
    """Remove the temporaries under `folder` whose writing process has died; returns them.

    A live process's temporary is never touched, whatever its age. Pids are this host's: with
    writers on several hosts sharing the folder, another host's live writer could look dead.
    """
    abandoned = [path for path in sorted(folder.rglob(".*.tmp")) if (match := _TEMPORARY_NAME.fullmatch(path.name))
                 and not process_alive(int(match[1]))] if folder.exists() else []
    for path in abandoned:
        discard(path)
    return abandoned


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write `path`'s new content to: committed if the block succeeds,
    discarded if it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    discard(temporary)  # a crashed process with a recycled pid may have left it
    try:
        yield temporary
        commit(temporary, path)
    except BaseException:
        discard(temporary)
        raise


def write_text(path: Path, text: str) -> None:
    with replacing(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
