"""dbt-core + dbt-spark (`method: session`, i.e. pyspark over Spark Connect) against the server:
the seed's demo project (dbt/sparkling_dbt) and a second project with incremental models, a
contract, generic tests (one failing on purpose), a view, a snapshot and `docs generate`.

One server per module (dbt's start-up dominates); every dbt command is the real CLI in a
subprocess, with its artifacts in a temporary folder."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from servers import ROOT, SparklingServer

DBT = ROOT / ".venv" / "bin" / "dbt"
DEMO_PROJECT = ROOT / "dbt" / "sparkling_dbt"
CHECKS_PROJECT = pathlib.Path(__file__).parent / "dbt_projects" / "incremental_checks"

pytestmark = pytest.mark.timeout(300)

FIRST_EVENTS = """id,category,amount,updated_at
1,a,10.5,2024-01-01 00:00:00
2,b,20.0,2024-01-01 00:00:00
3,a,30.25,2024-01-01 00:00:00
4,c,40.0,2024-01-01 00:00:00
5,b,50.0,2024-01-01 00:00:00
"""
# Second load: id 3 changes (amount and updated_at), ids 6 and 7 are new.
SECOND_EVENTS = """id,category,amount,updated_at
1,a,10.5,2024-01-01 00:00:00
2,b,20.0,2024-01-01 00:00:00
3,a,35.0,2024-02-01 00:00:00
4,c,40.0,2024-01-01 00:00:00
5,b,50.0,2024-01-01 00:00:00
6,c,60.0,2024-02-01 00:00:00
7,a,70.0,2024-02-01 00:00:00
"""


@pytest.fixture(scope="module")
def dbt_server():
    srv = SparklingServer().start()
    yield srv
    code = srv.stop()
    assert code == 0, f"server exit code {code} on SIGTERM\n{srv.log()[-4000:]}"


@pytest.fixture(scope="module")
def spark(dbt_server):
    from pyspark.sql import SparkSession

    session = SparkSession.builder.remote(dbt_server.url).create()
    yield session
    session.stop()


class Dbt:
    """Runs the dbt CLI on one project copy against the module's server."""

    def __init__(self, project: pathlib.Path, server: SparklingServer, work: pathlib.Path):
        self.project = project
        self.work = work
        self.env = dict(os.environ, SPARK_REMOTE=server.url, DBT_SEND_ANONYMOUS_USAGE_STATS="false",
                        DBT_TARGET_PATH=str(work / "target"), DBT_LOG_PATH=str(work / "logs"),
                        DBT_USE_COLORS="false")

    def __call__(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [str(DBT), *args, "--project-dir", str(self.project), "--profiles-dir",
             str(self.project)],
            env=self.env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == expect, (
            f"dbt {' '.join(args)} exited {proc.returncode}, expected {expect}\n"
            f"{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
        return proc

    def results(self) -> dict[str, dict]:
        """run_results.json of the last command: unique_id -> result."""
        data = json.loads((self.work / "target" / "run_results.json").read_text())
        return {r["unique_id"]: r for r in data["results"]}


def rows(spark, sql: str) -> list[tuple]:
    return [tuple(r) for r in spark.sql(sql).collect()]


# ---- the demo project ---------------------------------------------------------------------------

def test_demo_project_build_and_verify(dbt_server, spark, tmp_path):
    dbt = Dbt(DEMO_PROJECT, dbt_server, tmp_path)
    dbt("debug")
    env = dict(os.environ, SPARK_REMOTE=dbt_server.url, WAREHOUSE_PATH=str(dbt_server.warehouse))
    subprocess.run([sys.executable, str(ROOT / "dbt" / "setup_namespaces.py")], env=env,
                   check=True, capture_output=True, timeout=60)

    out = dbt("build").stdout
    results = dbt.results()
    assert {r["status"] for r in results.values()} == {"success", "pass"}, out
    assert "model.sparkling_dbt.mrt_final_stats" in results
    assert len([k for k in results if k.startswith("test.")]) == 5

    assert rows(spark, "SELECT count(*), min(number), max(number) FROM raw.source_numbers") == [
        (100, 0, 99)]
    assert rows(spark, "SELECT count(*), sum(id) FROM stg.stg_numbers") == [(100, 4950)]
    assert rows(spark, "SELECT count(*), sum(id % 2) FROM dw.fct_filtered_evens") == [(50, 0)]
    stats = spark.sql("SELECT * FROM mrt.mrt_final_stats").collect()
    assert len(stats) == 1 and stats[0]["total_sum"] == 2450
    assert stats[0]["calculated_at"] is not None
    # Iceberg tables, each under its namespace's LOCATION.
    for name in ("raw.source_numbers", "stg.stg_numbers", "dw.fct_filtered_evens",
                 "mrt.mrt_final_stats"):
        info = {r[0]: r[1] for r in spark.sql(f"DESCRIBE EXTENDED {name}").collect()}
        assert info.get("Provider") == "iceberg", (name, info)
        namespace = name.split(".")[0]
        assert (dbt_server.warehouse / namespace).as_uri() in info["Location"], (name, info)
    assert rows(spark, "DESCRIBE stg.stg_numbers") == [("id", "bigint", None)]

    verified = subprocess.run([sys.executable, str(ROOT / "dbt" / "verify.py")], env=env,
                              capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "total_sum = 2450" in verified.stdout

    # A second full run gives the same result (tables replaced, not appended to).
    dbt("run")
    assert rows(spark, "SELECT count(*) FROM stg.stg_numbers") == [(100,)]
    assert [r["total_sum"] for r in spark.sql("SELECT * FROM mrt.mrt_final_stats").collect()] == [
        2450]

    shown = dbt("show", "--select", "fct_filtered_evens", "--limit", "3", "--output", "json").stdout
    assert '"id": 0' in shown and '"id": 4' in shown and '"id": 6' not in shown, shown


# ---- the incremental / contract / tests / snapshot project --------------------------------------

@pytest.fixture(scope="module")
def checks(dbt_server, tmp_path_factory):
    work = tmp_path_factory.mktemp("dbt-checks")
    project = work / "project"
    shutil.copytree(CHECKS_PROJECT, project)
    return Dbt(project, dbt_server, work)


def write_events(dbt: Dbt, text: str) -> None:
    (dbt.project / "seeds" / "events.csv").write_text(text)


FAILING_TEST = "test.incremental_checks.accepted_values_events_by_category_fails_on_purpose"


def check_build_results(dbt: Dbt, out: str) -> None:
    results = dbt.results()
    failed = {k: r for k, r in results.items() if r["status"] not in ("success", "pass")}
    # Exactly the test written to fail: category 'c' is not among ['a', 'b'] (1 failing row).
    assert [k.rsplit(".", 1)[0] for k in failed] == [FAILING_TEST], out
    (failure,) = failed.values()
    assert failure["status"] == "fail"
    assert failure["failures"] == 1
    assert "Failure in test accepted_values_events_by_category_fails_on_purpose" in out
    assert "Got 1 result, configured to fail if != 0" in out
    kinds = {k.split(".")[0] for k in results}
    assert kinds == {"seed", "model", "test", "unit_test", "snapshot"}
    assert len([k for k in results if k.startswith("test.")]) == 7
    assert len([k for k in results if k.startswith("seed.")]) == 2


def test_incremental_first_build(checks, spark):
    write_events(checks, FIRST_EVENTS)
    out = checks("build", expect=1).stdout
    check_build_results(checks, out)

    assert rows(spark, "SELECT count(*), sum(amount) FROM chk.events_append") == [(5, 150.75)]
    assert rows(spark, "SELECT id, amount FROM chk.events_merge ORDER BY id") == [
        (1, 10.5), (2, 20.0), (3, 30.25), (4, 40.0), (5, 50.0)]
    assert rows(spark, "SELECT * FROM chk.events_overwrite ORDER BY category") == [
        ("a", 2, 40.75), ("b", 2, 70.0), ("c", 1, 40.0)]
    assert rows(spark, "SELECT id FROM chk.events_overwrite_partitioned ORDER BY id") == [
        (1,), (2,), (3,), (4,), (5,)]
    assert rows(spark, "SELECT count(*) FROM chk_snap.events_snapshot") == [(5,)]
    # Seed typing: empty cells arrive as 'None', NULL once cast to a non-string type (ANSI
    # off, as dbt-spark sets it); a string column keeps the text 'None', as on Spark.
    assert rows(spark, "SELECT * FROM chk_raw.typed_values WHERE id = 2") == [
        (2, None, None, "None", None, None, None)]
    assert rows(spark, "SELECT score, ratio, CAST(day AS STRING), CAST(at AS STRING), flag "
                       "FROM chk_raw.typed_values WHERE id = 3") == [
        (-7, 2.25, "2024-03-03", "2024-03-03 12:30:00", False)]
    assert [tuple(r)[:2] for r in spark.sql("DESCRIBE chk_raw.typed_values").collect()] == [
        ("id", "bigint"), ("score", "bigint"), ("ratio", "double"), ("label", "string"),
        ("day", "date"), ("at", "timestamp"), ("flag", "boolean")]
    # The contract's declared types are the table's.
    assert rows(spark, "DESCRIBE chk.categories") == [
        ("category_id", "int", None), ("name", "string", None)]
    # The view materialization made a view.
    views = [r["viewName"] for r in spark.sql("SHOW VIEWS IN chk").collect()]
    assert views == ["events_by_category"]


def test_incremental_second_build(checks, spark):
    write_events(checks, SECOND_EVENTS)
    out = checks("build", "--vars", "{second_run: true}", expect=1).stdout
    check_build_results(checks, out)

    # append: only ids above the previous maximum were added (3's change is not seen).
    assert rows(spark, "SELECT id, amount FROM chk.events_append ORDER BY id") == [
        (1, 10.5), (2, 20.0), (3, 30.25), (4, 40.0), (5, 50.0), (6, 60.0), (7, 70.0)]
    # merge on unique_key id: 3 updated in place, 6 and 7 inserted, no duplicates.
    assert rows(spark, "SELECT id, amount, CAST(updated_at AS STRING) FROM chk.events_merge "
                       "ORDER BY id") == [
        (1, 10.5, "2024-01-01 00:00:00"), (2, 20.0, "2024-01-01 00:00:00"),
        (3, 35.0, "2024-02-01 00:00:00"), (4, 40.0, "2024-01-01 00:00:00"),
        (5, 50.0, "2024-01-01 00:00:00"), (6, 60.0, "2024-02-01 00:00:00"),
        (7, 70.0, "2024-02-01 00:00:00")]
    # insert_overwrite without partitions replaces the whole table.
    assert rows(spark, "SELECT * FROM chk.events_overwrite ORDER BY category") == [
        ("a", 3, 115.5), ("b", 2, 70.0), ("c", 2, 100.0)]
    # insert_overwrite with partition_by: only the partitions the new rows fall in (a and c)
    # are replaced; partition b keeps ids 2 and 5.
    assert rows(spark, "SELECT id FROM chk.events_overwrite_partitioned ORDER BY id") == [
        (2,), (3,), (5,), (6,), (7,)]
    # on_schema_change=append_new_columns: the new column exists, NULL for the earlier rows.
    assert rows(spark, "SELECT id, doubled FROM chk.events_new_columns ORDER BY id") == [
        (1, None), (2, None), (3, None), (4, None), (5, None), (6, 120.0), (7, 140.0)]
    # on_schema_change=sync_all_columns with merge: the column is added and every row merged.
    assert rows(spark, "SELECT id, label FROM chk.events_sync_columns ORDER BY id") == [
        (1, "A"), (2, "B"), (3, "A"), (4, "C"), (5, "B"), (6, "C"), (7, "A")]
    # The snapshot keeps id 3's first version, closed when the second arrived.
    history = rows(spark, "SELECT id, amount, CAST(dbt_valid_to AS STRING) FROM "
                          "chk_snap.events_snapshot WHERE id = 3 ORDER BY dbt_valid_from")
    assert history == [(3, 30.25, "2024-02-01 00:00:00"), (3, 35.0, None)]
    assert rows(spark, "SELECT count(*), count(dbt_valid_to) FROM chk_snap.events_snapshot") == [
        (8, 1)]
    assert rows(spark, "SELECT * FROM chk.events_by_category ORDER BY category") == [
        ("a", 1, 3), ("b", 2, 2), ("c", 3, 2)]


def test_docs_generate(checks):
    checks("docs", "generate")
    catalog = json.loads((checks.work / "target" / "catalog.json").read_text())
    assert not catalog.get("errors"), catalog.get("errors")
    nodes = catalog["nodes"]
    merge = nodes["model.incremental_checks.events_merge"]
    assert merge["metadata"]["type"] == "table"
    assert {name: col["type"] for name, col in merge["columns"].items()} == {
        "id": "long", "category": "string", "amount": "double", "updated_at": "timestamp"}
    assert nodes["model.incremental_checks.events_by_category"]["metadata"]["type"] == "view"
    assert "seed.incremental_checks.events" in nodes
    assert "snapshot.incremental_checks.events_snapshot" in nodes


def test_model_with_sql_error_is_reported_and_harmless(checks, spark):
    before = rows(spark, "SELECT count(*) FROM chk.events_merge")
    out = checks("run", "--select", "broken_model", "--vars", "{include_broken: true}",
                 expect=1).stdout
    assert "UNRESOLVED_COLUMN" in out and "no_such_column" in out, out
    assert rows(spark, "SELECT count(*) FROM chk.events_merge") == before
    assert not spark.catalog.tableExists("chk.broken_model")


def test_seed_with_bad_value_is_reported_and_harmless(checks, spark):
    before = rows(spark, "SELECT count(*) FROM chk_raw.events")
    out = checks("seed", "--select", "bad_values", "--vars", "{include_bad_seed: true}",
                 expect=1).stdout
    assert "[PARSE_SYNTAX_ERROR]" in out and "it's broken" in out, out
    assert rows(spark, "SELECT count(*) FROM chk_raw.events") == before


def test_full_refresh_rebuilds_incremental_models(checks, spark):
    checks("run", "--select", "events_new_columns", "--full-refresh", "--vars",
           "{second_run: true}")
    # Rebuilt from scratch: every row now has the new column.
    assert rows(spark, "SELECT count(*), count(doubled) FROM chk.events_new_columns") == [(7, 7)]


def test_contract_violation_is_reported(checks, spark):
    out = checks("run", "--select", "categories", "--vars", "{break_contract: true}",
                 expect=1).stdout
    assert "contract" in out and "data type mismatch" in out, out
    assert re.search(r"\|\s*category_id\s*\|\s*bigint\s*\|\s*int\s*\|", out), out
    # The table built under the contract is untouched.
    assert rows(spark, "DESCRIBE chk.categories")[0] == ("category_id", "int", None)


def test_missing_source_is_reported(checks):
    out = checks("run", "--select", "uses_missing_source", "--vars",
                 "{include_missing_source: true}", expect=1).stdout
    assert "[TABLE_OR_VIEW_NOT_FOUND]" in out and "`chk_raw`.`not_loaded`" in out, out
