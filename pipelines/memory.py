"""Handing memory that a finished step freed back to the operating system.

The job's steps run one after another in one process (in-process executor, tests, `make
bench`). Python, Arrow's allocator and glibc keep freed memory for reuse, so without this
each step's peak would stack on the leftovers of the one before (the parser's buffers, the
ingest batches) and the run's peak would grow with the partition.
"""

from __future__ import annotations

import ctypes
import gc

import pyarrow as pa


def release_freed_memory() -> None:
    """Collect garbage, then return free pages from Arrow's pool and the C heap (glibc only)."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    _malloc_trim()


def _load_malloc_trim():
    try:  # the C library the interpreter already uses; no `ldconfig` lookup
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None


_MALLOC_TRIM = _load_malloc_trim()


def _malloc_trim() -> None:
    if _MALLOC_TRIM is not None:  # musl and macOS have no malloc_trim; nothing to do there
        _MALLOC_TRIM(0)
