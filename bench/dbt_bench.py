"""dbt benchmarks: the seed's demo on Sparkling beside the same project on real Spark 4.1.1.

Measures
1. `make run` end to end on a warm build (the server already built; ports, runtime folder and
   warehouse of its own): cold = server not running (start included), warm = server up.
   dbt's and pyspark's own start-up count, as a user sees them.
2. `dbt run` of the three models (the CLI, wall clock; and dbt's own "Finished running ... in
   X s", which leaves out Python and dbt start-up), on Sparkling and on real Spark 4.1.1 from the
   pinned pyspark with Iceberg's Spark runtime, whose catalog is Sparkling's REST catalog (the
   seed's architecture: Spark + an Iceberg REST service).
3. The demo's steps (clean warehouse, namespaces, seed, run, verify in one process) on both.

Loopback only, every run bounded. Prints a Markdown table; --out writes it to a file too.
Run: `make bench-dbt` (needs Java for the Spark column; --skip-spark for Sparkling only).
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
from servers import (ICEBERG_SPARK_RUNTIME, ReferenceSparkServer, SparklingServer,  # noqa: E402
                     free_port, iceberg_rest_conf, java_available, sparkling_binary)

PYTHON = ROOT / ".venv" / "bin" / "python"
DBT = ROOT / ".venv" / "bin" / "dbt"
PROJECT = ROOT / "dbt" / "sparkling_dbt"
FINISHED = re.compile(r"Finished running .* in .*\(([\d.]+)s\)")


def run(command: list[str], env: dict[str, str], timeout: float = 600) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        errors = "\n".join(line for line in proc.stderr.splitlines()
                           if not line.startswith(("\tat ", "\t...")))
        raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n"
                           f"{proc.stdout[-4000:]}\n{errors[-3000:]}")
    return elapsed, proc.stdout


def summary(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f} s" + (
        f" (min {min(values):.2f}, max {max(values):.2f})" if len(values) > 1 else "")


def ratio(spark: list[float], ours: list[float]) -> str:
    if not spark or not ours:
        return ""
    return f"{statistics.median(spark) / statistics.median(ours):.1f}x"


class MakeRun:
    """`make run` with private ports, runtime folder and warehouse."""

    def __init__(self, work: pathlib.Path):
        self.port, self.catalog_port = free_port(), free_port()
        self.run_dir = work / "run"
        self.settings = [f"SPARK_REMOTE=sc://127.0.0.1:{self.port}",
                         f"CATALOG_PORT={self.catalog_port}", f"RUN_DIR={self.run_dir}",
                         f"WAREHOUSE_PATH={work / 'warehouse'}",
                         f"SPARKLING_BIN={sparkling_binary()}", f"ENV_FILE={work / 'none'}"]

    def make(self, target: str) -> tuple[float, str]:
        # Under `make bench-dbt`, the parent make's flags and jobserver must not leak in.
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        return run(["make", "--no-print-directory", target, *self.settings], env)


def dbt_env(remote: str, work: pathlib.Path) -> dict[str, str]:
    return dict(os.environ, SPARK_REMOTE=remote, DBT_SEND_ANONYMOUS_USAGE_STATS="false",
                DBT_TARGET_PATH=str(work / "target"), DBT_LOG_PATH=str(work / "logs"),
                DBT_USE_COLORS="false")


def measure_backend(remote: str, warehouse: pathlib.Path, work: pathlib.Path,
                    runs: int) -> dict[str, list[float]]:
    """Demo steps and `dbt run` against one Spark Connect endpoint."""
    env = dbt_env(remote, work)
    env["WAREHOUSE_PATH"] = str(warehouse)
    env["RUN_DIR"] = str(work)
    steps = [str(PYTHON), "dbt/demo.py", "clean-warehouse", "setup-namespaces", "seed", "run",
             "verify"]
    run(steps, env)  # warm-up: partial-parse cache, JIT, catalog
    results: dict[str, list[float]] = {"demo steps": [], "dbt run (CLI)": [],
                                       "dbt run (dbt's own timing)": []}
    for _ in range(runs):
        results["demo steps"].append(run(steps, env)[0])
    dbt_run = [str(DBT), "run", "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT)]
    for _ in range(runs):
        elapsed, out = run(dbt_run, env)
        results["dbt run (CLI)"].append(elapsed)
        found = FINISHED.search(out)
        if found:
            results["dbt run (dbt's own timing)"].append(float(found.group(1)))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure")
    parser.add_argument("--skip-spark", action="store_true", help="Sparkling only")
    parser.add_argument("--out", type=pathlib.Path, help="also write the table here")
    args = parser.parse_args()

    work = pathlib.Path(tempfile.mkdtemp(prefix="dbt-bench-"))
    rows: list[tuple[str, list[float], list[float]]] = []
    try:
        # 1. make run, cold (server started by it) and warm (server up).
        platform = MakeRun(work / "make")
        cold: list[float] = []
        warm: list[float] = []
        platform.make("run")  # warm-up: dbt's partial-parse cache, Python byte code
        for _ in range(args.runs):
            platform.make("stop")
            cold.append(platform.make("run")[0])
        for _ in range(args.runs):
            warm.append(platform.make("run")[0])
        platform.make("stop")
        rows.append(("`make run`, server not running (start included)", cold, []))
        rows.append(("`make run`, server up", warm, []))

        # 2-3. Same steps on Sparkling and on real Spark (sharing a Sparkling REST catalog).
        sparkling = SparklingServer().start()
        try:
            ours = measure_backend(sparkling.url, sparkling.warehouse, work / "ours", args.runs)
        finally:
            sparkling.stop()
        theirs: dict[str, list[float]] = {}
        if not args.skip_spark and java_available() and ICEBERG_SPARK_RUNTIME.exists():
            catalog = SparklingServer(extra_args=[]).start()  # its REST catalog only is used
            spark = None
            try:
                spark = ReferenceSparkServer(jars=[ICEBERG_SPARK_RUNTIME],
                                             conf=iceberg_rest_conf(catalog.catalog_url)).start()
                theirs = measure_backend(spark.url, catalog.warehouse, work / "spark", args.runs)
            finally:
                if spark:
                    spark.stop()
                catalog.stop()
        elif not args.skip_spark:
            print("real Spark skipped: Java or the Iceberg runtime jar is missing "
                  "(scripts/fetch_jars.sh)", file=sys.stderr)
        for name, values in ours.items():
            rows.append((f"{name}", values, theirs.get(name, [])))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines = [f"dbt benchmarks ({args.runs} runs each, median; `{os.uname().nodename}`, "
             f"{os.cpu_count()} CPUs)", "",
             "| measure | Sparkling | Spark 4.1.1 | Spark / Sparkling |", "|---|---|---|---|"]
    for name, ours_values, spark_values in rows:
        lines.append(f"| {name} | {summary(ours_values)} | {summary(spark_values)} | "
                     f"{ratio(spark_values, ours_values)} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
