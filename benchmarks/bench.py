"""How close is the whole job to the speed of the parser? A benchmark, not a test.

    .venv/bin/python -m benchmarks.bench [--n 2000] [--file ../shared/corpus/allsides-10k.jsonl]
                                         [--n-process 1] [--out benchmarks/results/<timestamp>.json]
                                         [--compare-n-process]

On the first N articles of FILE (copied to a temp JSONL input) it measures

* bare parse: `nlp.pipe` over exactly the texts the pipeline parses (the ingested,
  deduplicated documents), with the pipeline's model, components, batch size and n_process;
  the Docs are consumed and nothing else is done; model load is timed apart;
* full job: the real Dagster job `claims_nightly`, input file → published release, run in
  process in a child process (so its peak memory is its own) into a temp CLAIMS_HOME;
* the ratio full / parse, words per second of both, the job's peak memory (largest
  single process from wait4 `ru_maxrss`, and the peak summed RSS of the process tree from
  psutil polling, which counts spaCy's worker processes when n_process > 1);
* a second run over the same input into the same home (nothing new arrived);
* the time of every Dagster step (STEP_SUCCESS duration) and the assets' own timings.

`--compare-n-process` instead runs the job (only the job) at n_process=1 and 2 on fresh
homes and prints the speed-up. Results are printed as a table and written as JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO.parent / "shared" / "corpus" / "allsides-10k.jsonl"
RESULTS = REPO / "benchmarks" / "results"
PARTITION = "2025-06-01"
POLL_SECONDS = 0.2


# --------------------------------------------------------------------------- input


def write_input(source: Path, n: int, directory: Path) -> tuple[Path, int]:
    """The first n non-blank lines of `source` as a JSONL input file; returns (path, lines)."""
    target = directory / "input" / f"first-{n}.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for line in lines:
            if written >= n:
                break
            if line.strip():
                out.write(line if line.endswith("\n") else line + "\n")
                written += 1
    return target, written


def ingested_texts(input_file: Path) -> list[str]:
    """The texts the job will hand to spaCy: the ingest stage's accepted documents."""
    from pipelines import ingest

    return [item.text for item in ingest.read_documents([input_file]) if isinstance(item, ingest.Document)]


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


# --------------------------------------------------------------------------- bare parse


def bare_parse(texts: list[str], n_process: int) -> dict:
    """nlp.pipe over the texts exactly as the pipeline configures it; Docs consumed, nothing else."""
    from pipelines.extraction import load_nlp
    from pipelines.extraction.batching import size_batches
    from pipelines.settings import Settings

    import resource

    settings = dataclasses.replace(Settings.from_env(), home=Path("."), n_process=n_process)
    started = time.perf_counter()
    nlp = load_nlp(settings.model)
    loaded = time.perf_counter()
    cpu_before = _cpu(resource.getrusage(resource.RUSAGE_SELF)) + _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    n_docs = 0
    if settings.n_process == 1:
        # the pipeline's batches: bounded by padded size as well as by count
        items = ((str(i), text, None) for i, text in enumerate(texts))
        for batch in size_batches(items, settings.batch_size, settings.batch_chars):
            for _doc in nlp.pipe((text for _, text, _ in batch), batch_size=len(batch)):
                n_docs += 1
    else:
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.n_process):
            n_docs += 1
    finished = time.perf_counter()
    cpu_after = _cpu(resource.getrusage(resource.RUSAGE_SELF)) + _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    return {
        "model": settings.model,
        "components": list(nlp.pipe_names),
        "batch_size": settings.batch_size,
        "batch_chars": settings.batch_chars,
        "n_process": settings.n_process,
        "n_docs": n_docs,
        "model_load_seconds": round(loaded - started, 3),
        "seconds": round(finished - loaded, 3),
        "cpu_seconds": round(cpu_after - cpu_before, 3),
    }


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- the job, in a child


def run_job_here(home: Path, input_file: Path, partition: str, n_process: int, report: Path) -> int:
    """Child-process side: run the real job in process and write timings to `report`."""
    started = time.perf_counter()
    import dagster as dg

    from pipelines.definitions import JOB_NAME, build_defs
    from pipelines.settings import Settings

    imported = time.perf_counter()
    # the CLAIMS_* settings of the environment (model, batches, DuckDB memory), this home
    job = build_defs(dataclasses.replace(Settings.from_env(), home=home, n_process=n_process)).resolve_job_def(JOB_NAME)
    with dg.DagsterInstance.ephemeral() as instance:
        job_started = time.perf_counter()
        result = job.execute_in_process(
            partition_key=partition,
            run_config={"ops": {"ingested_documents": {"config": {"input_paths": [str(input_file)]}}}},
            instance=instance,
            raise_on_error=False,
        )
        job_finished = time.perf_counter()
        steps: dict[str, dict] = {}
        for record in instance.all_logs(result.run_id):
            event = record.dagster_event
            if event is None or not event.step_key:
                continue
            step = steps.setdefault(event.step_key, {})
            if event.event_type_value == "STEP_START":
                step["start"] = record.timestamp
            elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
                step["end"] = record.timestamp
                step["status"] = event.event_type_value
                duration = getattr(event.event_specific_data, "duration_ms", None)
                if duration is not None:
                    step["duration_seconds"] = round(duration / 1000, 3)
    first_start = min((step["start"] for step in steps.values() if "start" in step), default=0.0)
    for step in steps.values():
        if "start" in step and "end" in step:
            step["wall_seconds"] = round(step["end"] - step["start"], 3)
        if "start" in step:
            step["started_after_seconds"] = round(step.pop("start") - first_start, 3)
        step.pop("end", None)
    steps = dict(sorted(steps.items(), key=lambda item: item[1].get("started_after_seconds", float("inf"))))
    metadata: dict[str, dict] = {}
    for materialization in result.get_asset_materialization_events():
        mat = materialization.step_materialization_data.materialization
        metadata[mat.asset_key.to_user_string()] = {
            key: value.value for key, value in mat.metadata.items()
            if isinstance(value.value, (int, float, str)) and key != "preview"
        }
    report.write_text(json.dumps({
        "success": result.success,
        "import_seconds": round(imported - started, 3),
        "job_seconds": round(job_finished - job_started, 3),
        "steps": steps,
        "asset_metadata": metadata,
    }, indent=2, default=str), encoding="utf-8")
    return 0 if result.success else 1


def _tree_rss(process) -> int:
    import psutil

    total = 0
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in family:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_job_in_child(home: Path, input_file: Path, partition: str, n_process: int) -> dict:
    """Run the job in a fresh interpreter; time it and measure its memory from outside."""
    import psutil

    home.mkdir(parents=True, exist_ok=True)
    report = Path(tempfile.mkstemp(prefix="bench-job-", suffix=".json")[1])
    command = [sys.executable, "-m", "benchmarks.bench", "_run-job", "--home", str(home),
               "--input", str(input_file), "--partition", partition, "--n-process", str(n_process),
               "--report", str(report)]
    env = {**os.environ, "DAGSTER_DISABLE_TELEMETRY": "1", "CLAIMS_HOME": str(home)}
    env.pop("DAGSTER_HOME", None)
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal peak_tree
        try:
            watched = psutil.Process(child.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_rss(watched))
            stop.wait(POLL_SECONDS)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stderr_chunks: list[bytes] = []
    drainer = threading.Thread(target=lambda: stderr_chunks.append(child.stderr.read()), daemon=True)
    drainer.start()
    _, status, usage = os.wait4(child.pid, 0)  # rusage of this child alone, not of earlier phases
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stop.set()
    poller.join()
    drainer.join()
    try:
        figures = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        figures = {"success": False}
    finally:
        report.unlink(missing_ok=True)
    if child.returncode != 0 or not figures.get("success"):
        tail = b"".join(stderr_chunks).decode("utf-8", "replace")[-3000:]
        raise SystemExit(f"bench: the job failed (exit {child.returncode}); its stderr ends with:\n{tail}")
    return {
        **figures,
        "n_process": n_process,
        "process_seconds": round(wall, 3),
        "cpu_seconds": round(_cpu(usage), 3),  # whole child process: imports, model load, job
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB; largest single process
        "peak_tree_rss_mb": round(peak_tree / 2**20, 1),
    }


# --------------------------------------------------------------------------- reporting


def _rate(words: int, seconds: float) -> int:
    return round(words / seconds) if seconds > 0 else 0


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"  {label.ljust(width)}  {value}" for label, value in rows)


def step_rows(job: dict) -> list[tuple[str, str]]:
    rows = []
    total = job["job_seconds"] or 1e-9
    for key, step in job["steps"].items():
        seconds = step.get("duration_seconds", step.get("wall_seconds", 0.0))
        rows.append((f"  step {key}", f"{seconds:9.2f} s  {100 * seconds / total:5.1f} %"))
    extract = job["asset_metadata"].get("extracted_claims", {})
    for key in ("model_load_seconds", "extract_seconds", "parse_and_extract_seconds"):
        if isinstance(extract.get(key), (int, float)):
            rows.append((f"    extracted_claims {key}", f"{extract[key]:9.2f} s"))
    for key in ("n_parsed", "n_carried_over"):
        if key in extract:
            rows.append((f"    extracted_claims {key}", f"{extract[key]:9}"))
    return rows


def machine() -> dict:
    load = os.getloadavg()
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "loadavg_at_start": [round(x, 2) for x in load], "code": code_version()}


def code_version() -> dict:
    """The commit measured and whether the work tree differed from it (read-only git calls)."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=10)
        except OSError:
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": git("rev-parse", "HEAD"), "dirty": None if status is None else bool(status)}


def main_benchmark(args: argparse.Namespace, workdir: Path) -> dict:
    input_file, n_lines = write_input(args.file, args.n, workdir)
    texts = ingested_texts(input_file)
    words = count_words(texts)
    print(f"bench: {n_lines} articles from {args.file.name} → {len(texts)} documents, {words:,} words", flush=True)

    print(f"bench: bare nlp.pipe (n_process={args.n_process}) …", flush=True)
    parse = bare_parse(texts, args.n_process)
    del texts
    home = workdir / "home"
    print("bench: full job, first run …", flush=True)
    first = run_job_in_child(home, input_file, PARTITION, args.n_process)
    print("bench: full job, second run over the same input …", flush=True)
    second = run_job_in_child(home, input_file, PARTITION, args.n_process)

    ratio = first["job_seconds"] / parse["seconds"]
    figures = {
        "articles": n_lines, "documents": parse["n_docs"], "words": words,
        "parse": {**parse, "words_per_second": _rate(words, parse["seconds"])},
        "job_first": {**first, "words_per_second": _rate(words, first["job_seconds"])},
        "job_second": second,
        "full_over_parse": round(ratio, 3),
        "cpu_full_over_parse": round(first["cpu_seconds"] / max(parse["cpu_seconds"], 1e-9), 3),
        "second_over_first": round(second["job_seconds"] / first["job_seconds"], 3),
    }
    rows = [
        ("input", f"{n_lines} articles, {parse['n_docs']} documents, {words:,} words ({args.file.name})"),
        ("model / batch / n_process", f"{parse['model']} {parse['components']} / {parse['batch_size']} docs, "
                                      f"{parse['batch_chars']:,} padded chars / {args.n_process}"),
        ("bare nlp.pipe", f"{parse['seconds']:9.2f} s  {figures['parse']['words_per_second']:>7,} words/s"
                          f"  (+ model load {parse['model_load_seconds']:.2f} s)"),
        ("full job (first run)", f"{first['job_seconds']:9.2f} s  {figures['job_first']['words_per_second']:>7,} words/s"
                                 f"  (process incl. imports {first['process_seconds']:.2f} s)"),
        ("full / parse", f"{ratio:9.2f} x wall;  CPU {figures['cpu_full_over_parse']:.2f} x "
                         f"(parse {parse['cpu_seconds']:.0f} s, job process {first['cpu_seconds']:.0f} s)"),
        *step_rows(first),
        ("peak memory of the job", f"{first['peak_rss_mb']:9.1f} MB largest process, "
                                   f"{first['peak_tree_rss_mb']:.1f} MB process tree"),
        ("second run, same input", f"{second['job_seconds']:9.2f} s  "
                                   f"({figures['second_over_first']:.2f} of the first run; "
                                   f"CPU {second['cpu_seconds']:.0f} s vs {first['cpu_seconds']:.0f} s)"),
        *step_rows(second),
    ]
    rows.append(("load average (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg())
                 + "  (other work on the machine slows the wall-clock figures; CPU seconds less so)"))
    print(table(rows))
    return figures


def compare_n_process(args: argparse.Namespace, workdir: Path) -> dict:
    input_file, n_lines = write_input(args.file, args.n, workdir)
    words = count_words(ingested_texts(input_file))
    print(f"bench: {n_lines} articles, {words:,} words; the job at n_process=1 and 2, each into a fresh home", flush=True)
    runs = {}
    for n_process in (1, 2):
        print(f"bench: full job, n_process={n_process} …", flush=True)
        runs[n_process] = run_job_in_child(workdir / f"home-np{n_process}", input_file, PARTITION, n_process)
    speedup = runs[1]["job_seconds"] / runs[2]["job_seconds"]

    def extract_seconds(run: dict) -> float:
        return run["steps"].get("extracted_claims", {}).get("duration_seconds", 0.0)

    extract_speedup = extract_seconds(runs[1]) / max(extract_seconds(runs[2]), 1e-9)
    rows = [("input", f"{n_lines} articles, {words:,} words ({args.file.name})")]
    for n_process, run in runs.items():
        rows.append((f"job n_process={n_process}",
                     f"{run['job_seconds']:9.2f} s  {_rate(words, run['job_seconds']):>7,} words/s  "
                     f"extract step {extract_seconds(run):.2f} s  CPU {run['cpu_seconds']:.0f} s  "
                     f"peak {run['peak_tree_rss_mb']:.0f} MB tree"))
    rows.append(("speed-up 2 vs 1 (job)", f"{speedup:9.2f} x"))
    rows.append(("speed-up 2 vs 1 (extract step)", f"{extract_speedup:9.2f} x"))
    rows.append(("load average (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg())))
    print(table(rows))
    return {
        "articles": n_lines, "words": words,
        "runs": {str(k): {**v, "words_per_second": _rate(words, v["job_seconds"])} for k, v in runs.items()},
        "speedup_job": round(speedup, 3),
        "speedup_extract_step": round(extract_speedup, 3),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="first N articles of the file (default 2000)")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="corpus JSONL (id,title,source,published,url,text)")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy n_process for parse and job (default 1)")
    parser.add_argument("--out", type=Path, help="result JSON (default benchmarks/results/<timestamp>.json)")
    parser.add_argument("--compare-n-process", action="store_true",
                        help="run only the job, at n_process=1 and 2, and print the speed-up")
    parser.add_argument("--keep", action="store_true", help="keep the temp CLAIMS_HOME and print where it is")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_run-job"]:  # the child process that runs the job
        child = argparse.ArgumentParser()
        for name in ("--home", "--input", "--partition", "--report"):
            child.add_argument(name, required=True)
        child.add_argument("--n-process", type=int, default=1)
        ns = child.parse_args(argv[1:])
        return run_job_here(Path(ns.home), Path(ns.input), ns.partition, ns.n_process, Path(ns.report))

    args = parse_args(argv)
    args.file = args.file.resolve()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = args.out or RESULTS / f"{stamp}{'-compare-n-process' if args.compare_n_process else ''}.json"
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        header = {"started_at": stamp, "file": str(args.file), "n": args.n, "n_process": args.n_process,
                  "machine": machine()}
        figures = compare_n_process(args, workdir) if args.compare_n_process else main_benchmark(args, workdir)
    finally:
        if args.keep:
            print(f"bench: kept {workdir}")
        else:
            import shutil

            shutil.rmtree(workdir, ignore_errors=True)
    result = {**header, "mode": "compare-n-process" if args.compare_n_process else "default",
              **figures, "bench_seconds": round(time.perf_counter() - started, 1)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"bench: {result['bench_seconds']:.0f} s in all; results in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
