"""The demo's steps in one Python process (so dbt and pyspark start once for `make run`):

    python dbt/demo.py clean-warehouse setup-namespaces seed run verify

Each step is also a make target (`make dbt-seed`, ...). dbt runs the project in
dbt/sparkling_dbt with dbt-spark's `session` method, i.e. pyspark over SPARK_REMOTE.
"""

from __future__ import annotations

import os
import sys
import time

import clean_warehouse
import setup_namespaces
import verify
from connection import ROOT, SPARK_REMOTE, require_server

PROJECT_DIR = ROOT / "dbt" / "sparkling_dbt"


def dbt(*args: str) -> int:
    require_server()
    # The profile reads SPARK_REMOTE; dbt's artifacts go under the runtime folder.
    os.environ["SPARK_REMOTE"] = SPARK_REMOTE
    run_dir = ROOT / os.environ.get("RUN_DIR", ".run")
    os.environ.setdefault("DBT_TARGET_PATH", str(run_dir / "dbt" / "target"))
    os.environ.setdefault("DBT_LOG_PATH", str(run_dir / "dbt" / "logs"))
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        [*args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)])
    return 0 if result.success else 1


STEPS = {
    "clean-warehouse": clean_warehouse.main,
    "setup-namespaces": setup_namespaces.main,
    "seed": lambda: dbt("seed"),
    "run": lambda: dbt("run"),
    "build": lambda: dbt("build"),
    "test": lambda: dbt("test"),
    "verify": verify.main,
}


def main(steps: list[str]) -> int:
    unknown = [s for s in steps if s not in STEPS]
    if not steps or unknown:
        print(f"usage: demo.py STEP...  (steps: {', '.join(STEPS)})", file=sys.stderr)
        return 2
    started = time.monotonic()
    for step in steps:
        if len(steps) > 1:
            print(f"\n==> {step}", flush=True)
        step_started = time.monotonic()
        code = STEPS[step]()
        if len(steps) > 1:
            print(f"    ({step}: {time.monotonic() - step_started:.2f} s)", flush=True)
        if code:
            print(f"\n{step} failed (exit {code}); later steps not run", file=sys.stderr)
            return code
    if len(steps) > 1:
        print(f"\ndone: {' -> '.join(steps)} in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
