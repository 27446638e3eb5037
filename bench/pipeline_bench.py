"""Declarative Pipelines benchmark: `run` of the seed's four-view pipeline (examples/pipeline),
from the CLI process's start to its exit, on Sparkling and on real Spark 4.1.1 from the pinned
pyspark, same machine, same client.

Both servers are started first (Sparkling with a temporary warehouse, Spark's Connect server in
local[2] mode) and get the pipeline's databases; each measured run then starts a fresh client:
- `cli`: `python -m pyspark.pipelines.cli run` with SPARK_REMOTE (no JVM on the client side);
- `spark-pipelines`: the script shipped with pyspark with `--remote` (it starts a JVM to parse
  its arguments before handing over to the same Python CLI).
Real Spark is also timed the way its guide starts a pipeline, `spark-pipelines run` with no
remote: that launches a local Spark itself (`local` below; its in-memory catalog has no `raw`
database, so that pipeline uses the `default` database instead).

Prints a Markdown table (median and min of --runs runs, seconds) and writes it to --out when
given. Loopback only; every run has a timeout.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "test" / "e2e"))
from servers import ReferenceSparkServer, SparklingServer, java_available  # noqa: E402

EXAMPLE = ROOT / "examples" / "pipeline"
VENV_BIN = pathlib.Path(sys.executable).parent
DATABASES = ("raw", "stg", "dw", "mrt")


def project_copy(workdir: pathlib.Path, name: str, single_database: bool = False) -> pathlib.Path:
    project = workdir / name
    shutil.copytree(EXAMPLE, project)
    spec = project / "spark-pipeline.yml"
    spec.write_text(re.sub(r"storage: .*", f"storage: file://{workdir / (name + '-storage')}",
                           spec.read_text()))
    if single_database:
        code = project / "transformations" / "numbers.py"
        code.write_text(re.sub(r"spark_catalog\.(raw|stg|dw|mrt)\.", "", code.read_text()))
    return project


def create_databases(url: str) -> None:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.remote(url).create()
    for database in DATABASES:
        spark.sql(f"CREATE DATABASE IF NOT EXISTS spark_catalog.{database}")
    spark.stop()


def timed(command: list[str], cwd: pathlib.Path, env: dict[str, str], timeout: float) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "Run is COMPLETED." not in result.stdout:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n"
                           f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def measure(label: str, command: list[str], cwd: pathlib.Path, env: dict[str, str], runs: int,
            timeout: float, results: dict[str, list[float]]) -> None:
    times = []
    for _ in range(runs):
        times.append(timed(command, cwd, env, timeout))
    results[label] = times
    print(f"{label}: median {statistics.median(times):.2f} s, min {min(times):.2f} s", flush=True)


def cli_command() -> list[str]:
    return [sys.executable, "-m", "pyspark.pipelines.cli", "run"]


def script_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ.get('PATH', '')}", **(extra or {}))
    env.pop("SPARK_REMOTE", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per configuration")
    parser.add_argument("--spark-runs", type=int, default=3, help="runs against real Spark")
    parser.add_argument("--skip-spark", action="store_true", help="Sparkling only")
    parser.add_argument("--out", type=pathlib.Path, help="also write the table here")
    args = parser.parse_args()

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    results: dict[str, list[float]] = {}
    try:
        sparkling = SparklingServer().start()
        try:
            create_databases(sparkling.url)
            project = project_copy(workdir, "sparkling")
            env = dict(os.environ, SPARK_REMOTE=sparkling.url)
            timed(cli_command(), project, env, 120)  # warm-up: Python bytecode, page cache
            measure("Sparkling, cli", cli_command(), project, env, args.runs, 120, results)
            if java_available():
                command = [str(VENV_BIN / "spark-pipelines"), "run", "--remote", sparkling.url]
                measure("Sparkling, spark-pipelines", command, project, script_env(),
                        args.runs, 300, results)
        finally:
            sparkling.stop()

        if not args.skip_spark and java_available():
            spark = ReferenceSparkServer().start()
            try:
                create_databases(spark.url)
                project = project_copy(workdir, "spark")
                env = dict(os.environ, SPARK_REMOTE=spark.url)
                measure("Spark 4.1.1, cli", cli_command(), project, env, args.spark_runs, 600,
                        results)
                command = [str(VENV_BIN / "spark-pipelines"), "run", "--remote", spark.url]
                measure("Spark 4.1.1, spark-pipelines", command, project, script_env(),
                        args.spark_runs, 600, results)
            finally:
                spark.stop()
            local = project_copy(workdir, "spark-local", single_database=True)
            command = [str(VENV_BIN / "spark-pipelines"), "run"]
            # One run: a second run in the same folder finds the first run's managed table
            # locations (LOCATION_ALREADY_EXISTS), and a cold local Spark is the point here.
            measure("Spark 4.1.1, spark-pipelines (local, starts Spark)", command, local,
                    script_env({"SPARK_LOCAL_IP": "127.0.0.1"}), 1, 600, results)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    lines = ["| configuration | median (s) | min (s) | runs |", "|---|---:|---:|---:|"]
    for label, times in results.items():
        lines.append(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f} | "
                     f"{len(times)} |")
    table = "\n".join(lines)
    print("\n" + table)
    if args.out:
        args.out.write_text("# Pipeline run benchmark\n\n`run` of examples/pipeline, process start "
                            "to exit, servers already running.\n\n" + table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
