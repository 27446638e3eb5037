"""Checks the demo's result: each table's first rows and latest snapshot, and the final sum."""

from __future__ import annotations

import sys

from connection import CATALOG, connect

TABLES = (("raw", "source_numbers", 100), ("stg", "stg_numbers", 100),
          ("dw", "fct_filtered_evens", 50), ("mrt", "mrt_final_stats", 1))
EXPECTED_TOTAL = sum(range(0, 100, 2))  # 2450


def main() -> int:
    spark = connect()
    failures: list[str] = []
    for namespace, table, expected_rows in TABLES:
        name = f"{CATALOG}.{namespace}.{table}"
        print(f"\n== {name}")
        try:
            frame = spark.table(name)
            frame.show(5, truncate=False)
            rows = frame.count()
            snapshot = spark.sql(
                f"SELECT snapshot_id, committed_at, operation FROM {name}.snapshots "
                "ORDER BY committed_at DESC LIMIT 1").collect()
        except Exception as error:  # noqa: BLE001 - report every table, then fail
            failures.append(f"{name}: {str(error).splitlines()[0]}")
            continue
        if snapshot:
            print(f"latest snapshot {snapshot[0]['snapshot_id']} ({snapshot[0]['operation']}) "
                  f"at {snapshot[0]['committed_at']}")
        else:
            failures.append(f"{name}: no snapshot")
        if rows != expected_rows:
            failures.append(f"{name}: {rows} rows, expected {expected_rows}")
    if not failures:
        total = spark.table(f"{CATALOG}.mrt.mrt_final_stats").first()["total_sum"]
        print(f"\nmrt_final_stats.total_sum = {total}")
        if total != EXPECTED_TOTAL:
            failures.append(f"total_sum is {total}, expected {EXPECTED_TOTAL}")
    if failures:
        print("\nverify FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("verify OK: 4 tables, total_sum = 2450")
    return 0


if __name__ == "__main__":
    sys.exit(main())
