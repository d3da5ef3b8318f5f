"""The same nightly job with its steps run on a Dask cluster (`dagster_dask.dask_executor`).

Nothing in the assets changes: they already hand data over as Parquet under CLAIMS_HOME and
serialise DuckDB writes with an fcntl lock next to `state/warehouse.duckdb`, so a step can run
on any Dask worker that (1) can import this package with the same model installed, (2) sees
the same CLAIMS_HOME path, and (3) can open the same Dagster instance. Hence:

* the job must be *reconstructable*: each worker rebuilds it from `pipelines.distributed`
  with the same Settings, passed as JSON (`build_reconstructable_job`), because
  `build_defs(settings)` is a factory that `dg.reconstructable` cannot point at;
* the Dagster instance must be persistent (`DAGSTER_HOME`, or `DagsterInstance.local_temp`
  in tests); the executor refuses an ephemeral one, and workers open it from its ref to write
  their step events;
* `ClaimsDaskExecutor` (below) fixes two problems of dagster-dask 0.29.27 with distributed
  2026.x: step arguments are pickled as one blob (Dask would otherwise walk Dagster's records
  and fail before any step runs), and Dask task keys carry the run id, so concurrent runs of
  `claims_nightly` on one scheduler do not collide (dagster-io/dagster#21418).

A script that uses the local cluster (no scheduler address) must guard its entry point with
`if __name__ == "__main__":`, because Dask starts its worker processes with `spawn`.

    python -m pipelines.distributed --partition 2026-11-25 --input data/samples \\
        [--scheduler tcp://dask-scheduler:8786]        # a local 2-worker cluster without it
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import cloudpickle
import dagster as dg
import dask.distributed
from dagster._core.events import DagsterEvent
from dagster._core.errors import raise_execution_interrupts
from dagster._utils import iterate_with_context
from dagster_dask import dask_executor
from dagster_dask.executor import DaskExecutor, get_dask_resource_requirements, query_on_dask_worker

from pipelines.definitions import JOB_NAME, build_defs
from pipelines.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCAL_CLUSTER: Mapping[str, object] = {"n_workers": 2, "processes": True}
"""LocalCluster arguments when no scheduler address is given (dagster-dask forces 1 thread per worker)."""


def executor_config(scheduler_address: str | None, local_cluster: Mapping[str, object] | None = None) -> dict:
    """dask_executor config: an existing scheduler when an address is given, else a local cluster."""
    if scheduler_address:
        return {"cluster": {"existing": {"address": scheduler_address}}}
    return {"cluster": {"local": dict(DEFAULT_LOCAL_CLUSTER if local_cluster is None else local_cluster)}}


@dask.sizeof.sizeof.register(DagsterEvent)
def _sizeof_event(event: DagsterEvent) -> int:
    """Dask's default sizeof walks tuples and fails on Dagster's records; a step's events are small."""
    return 2048


def _run_step(dependencies: object, payload: bytes) -> list:
    """On a worker: unpickle the step's arguments and run it exactly as dagster-dask does."""
    return list(query_on_dask_worker(dependencies, *cloudpickle.loads(payload)))


class ClaimsDaskExecutor(DaskExecutor):
    """dagster-dask's executor with two fixes, for `existing` and `local` clusters.

    * Step arguments travel as one pickled blob: distributed 2026.x's `Client.submit` walks
      tuple arguments (`dask._task_spec.parse_input`), and Dagster's NamedTuple records (the
      run, the job pointer) contain partition definitions that refuse iteration, so
      dagster-dask 0.29.27 fails with "Iteration is not allowed on `@record`
      TimeWindowPartitionsDefinition" before any step runs.
    * Dask task keys carry the run id (dagster-io/dagster#21418), so two runs of the job on
      one scheduler no longer share task keys; and a local cluster the executor started is
      closed when the run ends.
    """

    def execute(self, plan_context, execution_plan):
        if not plan_context.instance.is_persistent:
            raise dg.DagsterInvariantViolationError("Dask execution requires a persistent DagsterInstance")
        if self.cluster_type not in ("existing", "local"):
            yield from super().execute(plan_context, execution_plan)
            return
        job_name = plan_context.job_name
        run_id = plan_context.dagster_run.run_id
        instance_ref = plan_context.instance.get_ref()
        own_cluster = None
        if self.cluster_type == "existing":
            cluster = self.cluster_configuration["address"]
        else:
            cluster = own_cluster = dask.distributed.LocalCluster(**self.build_dict(job_name))
        try:
            with dask.distributed.Client(cluster) as client:
                futures, by_step = [], {}
                for level in execution_plan.get_steps_to_execute_by_level():
                    for step in level:
                        dependencies = [by_step[key] for step_input in step.step_inputs
                                        for key in step_input.dependency_keys]
                        payload = cloudpickle.dumps((
                            plan_context.reconstructable_job, plan_context.dagster_run,
                            plan_context.run_config, [step.key], instance_ref, execution_plan.known_state,
                        ))
                        future = client.submit(
                            _run_step, dependencies, payload,
                            key=f"{job_name}.{step.key}.{run_id}",
                            resources=get_dask_resource_requirements(step.tags),
                            pure=False,
                        )
                        futures.append(future)
                        by_step[step.key] = future
                completed = dask.distributed.as_completed(futures, with_results=True)
                for _future, events in iterate_with_context(raise_execution_interrupts, completed):
                    yield from events
        finally:
            if own_cluster is not None:
                own_cluster.close()


@dg.executor(
    name="dask",
    config_schema=dask_executor.config_schema,
    requirements=dg.multiple_process_executor_requirements(),
)
def claims_dask_executor(init_context) -> ClaimsDaskExecutor:
    """`dagster_dask.dask_executor`'s config and behaviour, with the fixes of ClaimsDaskExecutor."""
    ((cluster_type, cluster_configuration),) = init_context.executor_config["cluster"].items()
    return ClaimsDaskExecutor(cluster_type, cluster_configuration)


def build_dask_job(
    settings: Settings | None = None,
    scheduler_address: str | None = None,
    local_cluster: Mapping[str, object] | None = None,
) -> dg.JobDefinition:
    """`claims_nightly` exactly as `build_defs` defines it, with the Dask executor."""
    settings = settings or Settings.from_env()
    job = build_defs(settings).resolve_job_def(JOB_NAME)
    executor = claims_dask_executor.configured(executor_config(scheduler_address, local_cluster), name="dask")
    return job.with_executor_def(executor)


def settings_to_json(settings: Settings) -> dict:
    return {key: str(value) if isinstance(value, Path) else value
            for key, value in dataclasses.asdict(settings).items()}


def settings_from_json(data: Mapping[str, object]) -> Settings:
    path_fields = {field.name for field in dataclasses.fields(Settings) if "Path" in str(field.type)}
    return Settings(**{key: Path(value) if key in path_fields and value is not None else value
                       for key, value in data.items()})


def _reconstruct(settings: dict, scheduler_address: str | None = None,
                 local_cluster: dict | None = None) -> dg.JobDefinition:
    """Called on every Dask worker (and in the submitting process) to rebuild the job."""
    return build_dask_job(settings_from_json(settings), scheduler_address, local_cluster)


def reconstructable_dask_job(
    settings: Settings | None = None,
    scheduler_address: str | None = None,
    local_cluster: Mapping[str, object] | None = None,
):
    """A ReconstructableJob pointing at `_reconstruct` with JSON-serialised Settings."""
    settings = settings or Settings.from_env()
    return dg.build_reconstructable_job(
        "pipelines.distributed",
        "_reconstruct",
        reconstructable_kwargs={
            "settings": settings_to_json(settings),
            "scheduler_address": scheduler_address,
            "local_cluster": None if local_cluster is None else dict(local_cluster),
        },
        reconstructor_working_directory=str(PROJECT_ROOT),
    )


def persistent_instance(temp_dir: str | os.PathLike | None = None) -> dg.DagsterInstance:
    """DAGSTER_HOME's instance, else a throw-away one on disk under `temp_dir` (never ephemeral)."""
    if temp_dir is None and os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    if temp_dir is not None:
        Path(temp_dir).mkdir(parents=True, exist_ok=True)
    return dg.DagsterInstance.local_temp(tempdir=None if temp_dir is None else str(temp_dir))


def run_partition(
    partition_key: str,
    input_paths: Iterable[str | os.PathLike] = (),
    *,
    instance: dg.DagsterInstance,
    settings: Settings | None = None,
    scheduler_address: str | None = None,
    local_cluster: Mapping[str, object] | None = None,
    raise_on_error: bool = False,
) -> dg.JobExecutionResult:
    """Run one partition of the job with its steps on Dask; blocks until the run ends.

    Read the result (events, success) while `instance` is still open.
    """
    job = reconstructable_dask_job(settings, scheduler_address, local_cluster)
    run_config = {"ops": {"ingested_documents": {"config": {
        "input_paths": [str(Path(path).resolve()) for path in input_paths]}}}}
    return dg.execute_job(
        job, instance=instance, run_config=run_config,
        tags={"dagster/partition": partition_key}, raise_on_error=raise_on_error,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.distributed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--partition", required=True, help="ingestion day, YYYY-MM-DD")
    parser.add_argument("--input", action="append", default=[], help="file or folder to ingest (repeatable)")
    parser.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)")
    args = parser.parse_args(argv)
    with persistent_instance() as instance:
        result = run_partition(args.partition, args.input, instance=instance, scheduler_address=args.scheduler)
        failed = [event.step_key for event in result.all_events if event.event_type_value == "STEP_FAILURE"]
        print(f"claims: run {result.run_id} {'succeeded' if result.success else 'FAILED'}"
              + (f"; failed steps: {', '.join(failed)}" if failed else ""))
        return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
