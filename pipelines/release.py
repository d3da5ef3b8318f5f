"""Versioned Parquet releases: built in a temporary folder, renamed into place, never rewritten.

A release is `releases/<YYYY.MM.DD.N>/` with one zstd Parquet file per table and a
`manifest.json` (row counts, sha256 per file); `releases/latest` is a symlink moved only
once the whole release is in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipelines.warehouse import RELEASE_TABLES, SCHEMA_VERSION


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    row_counts: dict[str, int]
    manifest_sha256: str


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def next_version(releases_dir: Path, today: datetime) -> str:
    """Calendar version YYYY.MM.DD.N, N counting the day's releases from 1."""
    prefix = today.strftime("%Y.%m.%d")
    taken = [
        int(p.name.rsplit(".", 1)[1]) for p in releases_dir.glob(f"{prefix}.*")
        if p.is_dir() and p.name.rsplit(".", 1)[1].isdigit()
    ] if releases_dir.exists() else []
    return f"{prefix}.{max(taken, default=0) + 1}"


def point_latest(releases_dir: Path, version: str) -> None:
    """Move the `latest` symlink atomically: readers see the old or the new target."""
    temporary = releases_dir / f".latest.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(version, target_is_directory=True)
    os.replace(temporary, releases_dir / "latest")


def build_release(
    connection: duckdb.DuckDBPyConnection,
    releases_dir: Path,
    provenance: dict,
    extra_files: dict[str, str] | None = None,
) -> Release:
    """Export every release table to a new version folder and return it, `latest` untouched."""
    created = datetime.now(timezone.utc)
    version = next_version(releases_dir, created)
    releases_dir.mkdir(parents=True, exist_ok=True)
    staging = releases_dir / f".{version}.building"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()

    files, row_counts = {}, {}
    for table, order in RELEASE_TABLES.items():
        path = staging / f"{table}.parquet"
        connection.execute(
            f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{path}' "
            "(FORMAT parquet, COMPRESSION zstd)"
        )
        row_counts[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        files[table] = {"path": path.name, "rows": row_counts[table],
                        "bytes": path.stat().st_size, "sha256": sha256_file(path)}
    for name, content in (extra_files or {}).items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        files[name] = {"path": name, "bytes": path.stat().st_size, "sha256": sha256_file(path)}

    manifest = {
        "name": "claims",
        "version": version,
        "created": created.isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        **provenance,
        "files": files,
    }
    manifest_path = staging / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2, default=str) + "\n", encoding="utf-8")
    os.rename(staging, releases_dir / version)
    return Release(version, releases_dir / version, row_counts, sha256_file(releases_dir / version / "manifest.json"))
