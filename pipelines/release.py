"""Versioned Parquet releases: built in a temporary folder, renamed into place, never rewritten.

A release is `releases/<YYYY.MM.DD.N>/` with one zstd Parquet file per table, a Frictionless
`datapackage.json` (v2: sha256 hash and Table Schema per resource, licence, citation and
provenance; `frictionless validate` passes on it, see tests/test_releases.py),
`CHANGELOG.md` against the previous release, a `README.md` data card, `report.html` and
the validation results of the run that made it. `releases/latest` is a symlink moved only
after the whole release is in place, and only after the datapackage has been validated.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines import atomic, catalog, release_docs, release_report, schema
from pipelines.warehouse import RELEASE_TABLES, SCHEMA_VERSION, partition_stats, read_sql

DATAPACKAGE = "datapackage.json"
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
DATASET_TITLE = "Attributed claims in news text"
DATASET_AUTHOR = "The claims contributors"
# Titles of the usual data licences; another SPDX id is published with its id as title.
LICENSE_TITLES = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
    "ODbL-1.0": "Open Data Commons Open Database License v1.0",
    "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
}


@dataclass(frozen=True)
class Release:
    version: str
    path: Path
    row_counts: dict[str, int]
    created: bool
    """False when the data equalled the newest existing release, which is reused."""


@dataclass(frozen=True)
class DatasetTerms:
    """Under which licence the data is published and how to cite it (CLAIMS_DATASET_LICENSE, _CITATION)."""

    license: str
    citation: str
    """Empty: a citation built from the release version."""

    def metadata(self, version: str, created: datetime) -> dict:
        """The datapackage.json properties: `licenses` as Data Package v2 has it, and `citation`."""
        license = {"name": self.license, "path": f"https://spdx.org/licenses/{self.license}.html"}
        if self.license in LICENSE_TITLES:
            license["title"] = LICENSE_TITLES[self.license]
        citation = self.citation or f"{DATASET_AUTHOR} ({created.year}). {DATASET_TITLE}, version {version} [Data set]."
        return {"licenses": [license], "citation": citation}


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


def latest_version(releases_dir: Path) -> str | None:
    latest = releases_dir / "latest"
    return os.readlink(latest) if latest.is_symlink() else None


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def list_versions(releases_dir: Path) -> list[str]:
    """Complete release folders, oldest first (folders being built start with a dot)."""
    if not releases_dir.exists():
        return []
    versions = [p.name for p in releases_dir.iterdir()
                if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]
    return sorted(versions, key=version_key)


def read_datapackage(release_dir: Path) -> dict:
    return json.loads((release_dir / DATAPACKAGE).read_text(encoding="utf-8"))


def point_latest(releases_dir: Path, version: str) -> None:
    """Move the `latest` symlink atomically: readers see the old or the new target."""
    with atomic.replacing(releases_dir / "latest") as temporary:
        temporary.symlink_to(version, target_is_directory=True)


def _resource(table: str, path: Path, rows: int) -> dict:
    return {
        "name": table,
        "path": path.name,
        "type": "table",
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "description": catalog.TABLES[table]["description"],
        # No "bytes": frictionless reads Parquet without its byte counter and would report
        # every count as a mismatch with None. The hash fixes the bytes all the same.
        "hash": f"sha256:{sha256_file(path)}",
        "rows": rows,
        "schema": schema.TABLES[table].table_schema(),
    }


def _data_unchanged(resources: list[dict], previous: dict | None) -> bool:
    if previous is None:
        return False
    before = {r["name"]: (r["hash"], r["schema"]) for r in previous.get("resources", [])}
    return all(before.get(r["name"]) == (r["hash"], r["schema"]) for r in resources) and len(before) == len(resources)


def build_release(
    connection: duckdb.DuckDBPyConnection,
    releases_dir: Path,
    provenance: dict,
    validation_dir: Path,
    terms: DatasetTerms,
) -> Release:
    """Export every table into a new version folder; reuse the newest when the data is unchanged.

    The folder is built under a temporary name and renamed whole. `latest` itself is not
    moved here: see `point_latest`, called once the package is valid.
    """
    created = datetime.now(timezone.utc)
    releases_dir.mkdir(parents=True, exist_ok=True)
    for abandoned in releases_dir.glob(".*.tmp"):  # left by a killed run; the caller holds the writer lock
        atomic.discard(abandoned)
    version = next_version(releases_dir, created)
    building = atomic.temporary_path(releases_dir / version)
    building.mkdir()
    try:
        resources = _export_tables(connection, building)
        row_counts = {r["name"]: r["rows"] for r in resources}
        # The newest version, published or not (a run killed before moving `latest` leaves one):
        # the same data again reuses it instead of making a new version.
        newest = (list_versions(releases_dir) or [None])[-1]
        if newest and _data_unchanged(resources, read_datapackage(releases_dir / newest)):
            atomic.discard(building)
            return Release(newest, releases_dir / newest, row_counts, created=False)
        package = {
            "$schema": DATAPACKAGE_PROFILE,
            "name": "claims",
            "title": DATASET_TITLE,
            "description": "Who said what, through whom and when, extracted from news articles, with the entities involved.",
            "version": version,
            "created": created.isoformat(timespec="seconds"),
            **terms.metadata(version, created),
            "contributors": [{"title": DATASET_AUTHOR, "roles": ["creator"]}],
            "sources": [{"title": "The input files of every ingestion day, each with its size and sha256",
                         "path": "input_files.parquet"}],
            "schema_version": SCHEMA_VERSION,
            **provenance,
            "previous_version": latest_version(releases_dir),
            "stats": partition_stats(connection, None),
            "resources": resources,
        }
        _write_metadata_files(building, package, releases_dir, validation_dir)
        atomic.commit(building, releases_dir / version)
    except BaseException:
        atomic.discard(building)
        raise
    return Release(version, releases_dir / version, row_counts, created=True)


def _export_tables(connection: duckdb.DuckDBPyConnection, directory: Path) -> list[dict]:
    """One zstd Parquet file per release table, rows in a deterministic order; their resources."""
    resources = []
    for table, order in RELEASE_TABLES.items():
        path = directory / f"{table}.parquet"
        connection.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO $path (FORMAT parquet, COMPRESSION zstd)",
                           {"path": str(path)})  # a value, never SQL text: any character may be in CLAIMS_HOME
        rows = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        resources.append(_resource(table, path, rows))
    return resources


def _write_metadata_files(building: Path, package: dict, releases_dir: Path, validation_dir: Path) -> None:
    """The run's validation results, datapackage.json, CHANGELOG.md, the data card and report.html."""
    for report in sorted(validation_dir.glob("*")) if validation_dir.exists() else []:
        (building / "validation").mkdir(exist_ok=True)
        (building / "validation" / report.name).write_text(report.read_text(encoding="utf-8"), encoding="utf-8")
    (building / DATAPACKAGE).write_text(json.dumps(package, indent=2, default=str) + "\n", encoding="utf-8")
    previous_version = package["previous_version"]
    previous_dir = releases_dir / previous_version if previous_version else None
    previous = read_datapackage(previous_dir) if previous_dir else None
    changes = release_docs.diff_releases(building, previous_dir)
    (building / "CHANGELOG.md").write_text(release_docs.changelog(package, previous, changes), encoding="utf-8")
    (building / "README.md").write_text(release_docs.data_card(package), encoding="utf-8")
    (building / "report.html").write_text(release_report.html_report(building, package, changes, previous),
                                          encoding="utf-8")


def record_release(connection: duckdb.DuckDBPyConnection, built: Release, run_id: str) -> None:
    """Note the release in the warehouse's `releases` table, with its datapackage's hash."""
    connection.execute(read_sql("record_release.sql"), {
        "version": built.version, "run_id": run_id, "schema_version": SCHEMA_VERSION,
        "n_documents": built.row_counts["documents"], "n_claims": built.row_counts["claims"],
        "n_entities": built.row_counts["entities"], "manifest_sha256": sha256_file(built.path / DATAPACKAGE),
    })


def validate_datapackage(release_dir: Path) -> list[str]:
    """Problems with a release's datapackage.json; empty when it is valid.

    Checks the Data Package v2 properties every release has had, and that every resource's
    file exists with the stated sha256 and Table Schema fields: `claims verify` holds a
    release of any schema version to what its own datapackage says.
    """
    problems = []
    try:
        package = read_datapackage(release_dir)
    except (OSError, json.JSONDecodeError) as error:
        return [f"{DATAPACKAGE} unreadable: {error}"]
    for key in ("$schema", "name", "version", "created", "resources", "schema_version", "extractor_version", "model"):
        if key not in package:
            problems.append(f"missing property {key!r}")
    if package.get("version") != release_dir.name:
        problems.append(f"version {package.get('version')!r} is not the folder name {release_dir.name!r}")
    for resource in package.get("resources", []):
        problems.extend(f"{resource.get('name')}: {p}" for p in _resource_problems(release_dir, resource))
    return problems


def release_problems(release_dir: Path) -> list[str]:
    """`validate_datapackage`, and what a release built now must hold besides: every release
    table, a licence and a citation (the blocking check before `latest` moves)."""
    problems = validate_datapackage(release_dir)
    try:
        package = read_datapackage(release_dir)
    except (OSError, json.JSONDecodeError):
        return problems  # which says so
    problems += [f"missing property {key!r}" for key in ("licenses", "citation") if key not in package]
    names = sorted(r.get("name") for r in package.get("resources", []))
    if names != sorted(RELEASE_TABLES):
        problems.append(f"resources {names} are not the release tables {sorted(RELEASE_TABLES)}")
    return problems


def _resource_problems(release_dir: Path, resource: dict) -> list[str]:
    path = release_dir / str(resource.get("path", ""))
    if not path.is_file():
        return [f"file {path.name} missing"]
    if f"sha256:{sha256_file(path)}" != resource.get("hash"):
        return [f"{path.name} sha256 does not match the datapackage hash"]
    try:
        columns = [field.name for field in pq.read_schema(path)]
    except Exception as error:  # pyarrow raises several types for a damaged file
        return [f"{path.name} is not readable Parquet: {error}"]
    declared = [field.get("name") for field in resource.get("schema", {}).get("fields", [])]
    if columns != declared:
        return [f"schema fields {declared} differ from the file's columns {columns}"]
    return []

