"""Two partitions of the real job with their steps on a 2-worker Dask cluster (processes)."""

from __future__ import annotations

import json
import time

import duckdb
import pytest

from pipelines.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# Short hand-written news items, a few reported-speech sentences each; two per ingestion day.
ARTICLES = {
    "2026-03-02": {
        "ferry.txt": (
            "Harbour board approves night ferry to the islands",
            "The Westport harbour board approved a night ferry service on Monday. Maria Okafor, "
            "the board's chair, said that the first crossings would start in May. The islanders' "
            "association said that the timetable was a relief for shift workers who now sleep on "
            "the mainland. A spokesman for the ferry operator said the company would hire twelve "
            "new crew members before the summer.",
        ),
        "library.txt": (
            "Library to open on Sundays after budget deal",
            "The central library will open on Sundays from next month, the city council said on "
            "Tuesday. Councillor James Whitaker said that the extra hours would be paid for by "
            "savings in the energy budget. The librarians' union said it had not been consulted "
            "about the new shifts, and its secretary said that staff would ask for a meeting.",
        ),
    },
    "2026-03-03": {
        "river.txt": (
            "Anglers report fewer trout in the upper river",
            "Anglers on the upper Severn say that trout numbers have fallen for a third year. "
            "Dr Helen Price, a biologist at the regional water agency, said that warmer summers "
            "were the most likely cause. The agency said it would publish a full survey in the "
            "autumn. The anglers' club said that farm run-off also played a part.",
        ),
        "bakery.txt": (
            "Family bakery closes after ninety years",
            "A family bakery on Mill Street closed on Saturday after ninety years of trading. "
            "Its owner, Peter Lindqvist, said that rising flour and energy prices had made the "
            "shop impossible to run. Neighbours said the street would feel empty without it. "
            "The mayor said that the council would try to find a new tenant for the building.",
        ),
    },
}


def _write_inputs(root):
    folders = {}
    for partition, articles in ARTICLES.items():
        folder = root / "inputs" / partition
        folder.mkdir(parents=True)
        for name, (title, body) in articles.items():
            (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        folders[partition] = folder
    return folders


@pytest.fixture
def dask_cluster():
    """A LocalCluster of 2 worker processes; closed, and its workers checked gone, afterwards."""
    import psutil
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           memory_limit="3GiB", dashboard_address=":0")
    try:
        with Client(cluster) as client:
            worker_pids = set(client.run(lambda: __import__("os").getpid()).values())
        assert len(worker_pids) == 2
        yield cluster, worker_pids
    finally:
        cluster.close()
    deadline = time.monotonic() + 20
    while any(psutil.pid_exists(pid) for pid in worker_pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(psutil.pid_exists(pid) for pid in worker_pids), "dask worker processes left running"


def test_two_partitions_run_on_dask_workers_into_one_warehouse(tmp_path, dask_cluster):
    from pipelines.distributed import persistent_instance, run_partition

    cluster, worker_pids = dask_cluster
    home = tmp_path / "home"
    settings = Settings(home=home)
    inputs = _write_inputs(tmp_path)
    with persistent_instance(tmp_path / "dagster_home") as instance:
        assert instance.is_persistent
        for partition, folder in inputs.items():
            result = run_partition(partition, [folder], instance=instance, settings=settings,
                                   scheduler_address=cluster.scheduler_address)
            failed = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
            assert result.success, f"partition {partition} failed in steps {failed}"
            # every step ran in one of the cluster's worker processes, none in this one
            step_pids = {e.pid for e in result.all_events if e.event_type_value == "STEP_START"}
            assert step_pids and step_pids <= worker_pids, (step_pids, worker_pids)

    paths = settings.paths
    with duckdb.connect(str(paths.snapshot_db), read_only=True) as db:
        per_partition = dict(db.execute(
            "SELECT partition_key, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall())
        assert per_partition == {"2026-03-02": 2, "2026-03-03": 2}
        claims = dict(db.execute(
            "SELECT partition_key, count(*) FROM claims GROUP BY 1 ORDER BY 1").fetchall())
        assert set(claims) == set(ARTICLES) and all(count >= 2 for count in claims.values()), claims
        for table, key in (("documents", "doc_id"), ("claims", "claim_id"), ("mentions", "mention_id")):
            total, distinct = db.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct, f"duplicate {key} in {table}"
        snapshot_claims = db.execute("SELECT count(*) FROM claims").fetchone()[0]

    latest = paths.latest_release
    assert latest.is_symlink() and latest.resolve().is_dir()
    descriptors = [latest / name for name in ("datapackage.json", "manifest.json") if (latest / name).exists()]
    assert descriptors, "release without a descriptor"
    assert json.loads(descriptors[0].read_text())
    released = duckdb.sql(
        f"SELECT DISTINCT partition_key FROM read_parquet('{latest / 'documents.parquet'}') ORDER BY 1"
    ).fetchall()
    assert [row[0] for row in released] == sorted(ARTICLES)
    released_claims = duckdb.sql(f"SELECT count(*) FROM read_parquet('{latest / 'claims.parquet'}')").fetchall()[0][0]
    assert released_claims == snapshot_claims
