"""Creates the demo's namespaces (raw, stg, dw, mrt) in the Iceberg catalog, each with its own
LOCATION under the warehouse, so that tables land in spark-warehouse/iceberg/<namespace>/."""

from __future__ import annotations

import sys

from connection import CATALOG, NAMESPACES, SPARK_REMOTE, WAREHOUSE_PATH, connect


def main() -> int:
    spark = connect()
    for namespace in NAMESPACES:
        location = WAREHOUSE_PATH / namespace
        spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {CATALOG}.{namespace} "
                  f"LOCATION '{location.as_uri()}'")
        print(f"namespace {CATALOG}.{namespace} -> {location}")
    existing = {row[0] for row in spark.sql(f"SHOW NAMESPACES IN {CATALOG}").collect()}
    missing = [n for n in NAMESPACES if n not in existing]
    if missing:
        print(f"namespaces missing after creation on {SPARK_REMOTE}: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
