"""Drops the demo's namespaces with their tables (PURGE: data files too), through the server
when it is up; with no server, removes the warehouse directory itself."""

from __future__ import annotations

import shutil
import sys

from connection import CATALOG, NAMESPACES, SPARK_REMOTE, WAREHOUSE_PATH, connect, server_listening


def main() -> int:
    if not server_listening():
        shutil.rmtree(WAREHOUSE_PATH, ignore_errors=True)
        print(f"removed {WAREHOUSE_PATH} (no server at {SPARK_REMOTE})")
        return 0
    spark = connect()
    existing = {row[0] for row in spark.sql(f"SHOW NAMESPACES IN {CATALOG}").collect()}
    for namespace in NAMESPACES:
        if namespace not in existing:
            continue
        # Tables and views first: Iceberg catalogs refuse to drop a namespace that is not empty,
        # even with CASCADE, on real Spark as well.
        for row in spark.sql(f"SHOW VIEWS IN {CATALOG}.{namespace}").collect():
            if not row["isTemporary"]:
                spark.sql(f"DROP VIEW IF EXISTS {CATALOG}.{namespace}.`{row['viewName']}`")
        for row in spark.sql(f"SHOW TABLES IN {CATALOG}.{namespace}").collect():
            if not row["isTemporary"]:
                spark.sql(f"DROP TABLE IF EXISTS {CATALOG}.{namespace}.`{row['tableName']}` PURGE")
        spark.sql(f"DROP NAMESPACE IF EXISTS {CATALOG}.{namespace}")
        shutil.rmtree(WAREHOUSE_PATH / namespace, ignore_errors=True)
        print(f"dropped {CATALOG}.{namespace}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
