"""Iceberg robustness (issue 4, "Bad input and faults" and "Concurrency"): concurrent writers,
kill -9 in the middle of a stream of commits, and malformed input to the REST catalog and to
table writes. Everything runs on loopback against servers with their own temporary warehouse.

Commit conflicts: Iceberg raises `org.apache.iceberg.exceptions.CommitFailedException` (a
RuntimeException, not a SparkThrowable) when a commit still conflicts after its retries
(`commit.retry.num-retries`, default 4, with backoff); Spark rethrows it from the write
unchanged. Over Spark Connect the client therefore sees an exception whose JVM class list starts
with that class; the message is Iceberg's (for example "Requirement failed: branch main has
changed ..." or "Found conflicting files ..."). The tests accept exactly that for a writer that
gives up. Through the REST API a failed requirement is HTTP 409 with type CommitFailedException.
"""

from __future__ import annotations

import http.client
import json
import os
import pathlib
import random
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid

import pytest
from conftest import new_session
from servers import SparklingServer, free_port, sparkling_binary, wait_for_port

NS = "robust"


# ---- helpers ---------------------------------------------------------------------------------


def rest(port: int, method: str, path: str, body=None, raw: bytes | str | None = None,
         timeout: float = 10.0):
    """One HTTP request to the REST catalog; returns (status, parsed JSON or raw text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        headers = {"Content-Type": "application/json"} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read()
    finally:
        conn.close()
    if not text:
        return response.status, None
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, text


def assert_error(result, code: int, type_name: str | None = None, message: str | None = None):
    status, body = result
    assert status == code, (status, body)
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error.get("message"), str) and error["message"], error
    assert error.get("code") == code, error
    assert isinstance(error.get("type"), str) and error["type"], error
    if type_name is not None:
        assert error["type"] == type_name, error
    if message is not None:
        assert message in error["message"], error


SCHEMA = {"type": "struct", "schema-id": 0,
          "fields": [{"id": 1, "name": "id", "type": "long", "required": False}]}


def create_rest_table(port: int, ns: str, name: str, **extra) -> dict:
    status, body = rest(port, "POST", f"/v1/namespaces/{ns}/tables",
                        {"name": name, "schema": SCHEMA, **extra})
    assert status == 200, body
    return body


def ensure_namespace(port: int, ns: str) -> None:
    status, body = rest(port, "POST", "/v1/namespaces", {"namespace": [ns], "properties": {}})
    assert status in (200, 409), body


def is_commit_conflict(error: Exception) -> bool:
    """Iceberg's commit-conflict error as a Spark Connect client sees it after the retries: not a
    SparkThrowable, so pyspark raises UnknownException (as it does for real Spark with Iceberg's
    CommitFailedException / ValidationException), with Iceberg's message."""
    from pyspark.errors.exceptions.connect import SparkConnectGrpcException

    text = str(error)
    return isinstance(error, SparkConnectGrpcException) and any(
        marker in text for marker in ("Requirement failed", "Found conflicting files",
                                      "Cannot commit"))


def metadata_files(table_dir: pathlib.Path) -> list[pathlib.Path]:
    return sorted((table_dir / "metadata").glob("*.metadata.json"))


def assert_metadata_files_whole(warehouse: pathlib.Path) -> None:
    """Every visible metadata file is complete JSON (temp files are the only partial ones)."""
    seen = 0
    for path in warehouse.rglob("*.metadata.json"):
        json.loads(path.read_text())
        seen += 1
    assert seen > 0


class CatalogOnly:
    """`sparkling catalog` (the REST catalog alone) on a free port over `warehouse`."""

    def __init__(self, warehouse: pathlib.Path, port: int | None = None):
        self.warehouse = warehouse
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = pathlib.Path(tempfile.mkstemp(prefix="sparkling-catalog-", suffix=".log")[1])

    def start(self) -> "CatalogOnly":
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(sparkling_binary()), "catalog", "--host", "127.0.0.1", "--port", str(self.port),
             "--warehouse", str(self.warehouse)], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        wait_for_port(self.port, self.proc, 20)
        return self

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


# ---- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def srv():
    server = SparklingServer().start()
    session = new_session(server.url)
    session.sql(f"CREATE NAMESPACE IF NOT EXISTS {NS}")
    session.stop()
    yield server
    code = server.stop()
    assert code == 0, f"server exit code {code}\n{server.log()[-4000:]}"


@pytest.fixture()
def spark(srv):
    session = new_session(srv.url)
    yield session
    session.stop()


def run_threads(targets, timeout: float = 60.0) -> None:
    threads = [threading.Thread(target=t, daemon=True) for t in targets]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "a writer thread hung"


# ---- 1. concurrency --------------------------------------------------------------------------


def test_concurrent_appends_lose_nothing(srv, spark):
    writers, inserts = 4, 10
    table = f"{NS}.appends"
    spark.sql(f"CREATE TABLE {table} (writer INT, i INT)")
    # Sessions are made (and later stopped) on this thread; see conftest.collect_dropped_sessions.
    sessions = [new_session(srv.url) for _ in range(writers)]
    done: list[list[tuple[int, int]]] = [[] for _ in range(writers)]
    failures: list[Exception] = []

    def writer(w: int):
        def run():
            for i in range(inserts):
                try:
                    sessions[w].sql(f"INSERT INTO {table} VALUES ({w}, {i})").collect()
                    done[w].append((w, i))
                except Exception as error:  # noqa: BLE001 - classified below
                    failures.append(error)
        return run

    try:
        run_threads([writer(w) for w in range(writers)])
    finally:
        for s in sessions:
            s.stop()
    for error in failures:
        assert is_commit_conflict(error), f"unexpected writer failure: {error!r}"
    acknowledged = sorted(pair for d in done for pair in d)
    rows = sorted((r.writer, r.i) for r in spark.sql(f"SELECT writer, i FROM {table}").collect())
    assert rows == acknowledged
    # With retries and backoff, four writers do not exhaust the retries.
    assert not failures, failures
    assert len(rows) == writers * inserts
    snapshots = spark.sql(
        f"SELECT operation, summary['added-records'] AS added FROM {table}.snapshots").collect()
    assert len(snapshots) == writers * inserts
    assert {(s.operation, s.added) for s in snapshots} == {("append", "1")}
    # Snapshot chain: each snapshot's parent is the previous one.
    history = spark.sql(f"SELECT snapshot_id, parent_id FROM {table}.history "
                        "ORDER BY made_current_at").collect()
    assert len(history) == writers * inserts
    for before, after in zip(history, history[1:]):
        assert after.parent_id == before.snapshot_id


def test_concurrent_delete_update_insert_serializable(srv, spark):
    table = f"{NS}.mixed"
    spark.sql(f"CREATE TABLE {table} (id INT, v INT)")
    spark.sql(f"INSERT INTO {table} SELECT CAST(id AS INT), 0 FROM range(100)").collect()
    sessions = [new_session(srv.url) for _ in range(3)]
    outcome: dict[str, object] = {}
    inserted: list[int] = []

    def delete():
        try:
            sessions[0].sql(f"DELETE FROM {table} WHERE id < 50").collect()
            outcome["delete"] = True
        except Exception as error:  # noqa: BLE001
            outcome["delete"] = error

    def update():
        try:
            sessions[1].sql(f"UPDATE {table} SET v = v + 1 WHERE id >= 50 AND id < 100").collect()
            outcome["update"] = True
        except Exception as error:  # noqa: BLE001
            outcome["update"] = error

    def insert():
        for i in range(5):
            try:
                sessions[2].sql(f"INSERT INTO {table} VALUES ({1000 + i}, 7)").collect()
                inserted.append(1000 + i)
            except Exception as error:  # noqa: BLE001
                outcome[f"insert{i}"] = error

    try:
        run_threads([delete, update, insert])
    finally:
        for s in sessions:
            s.stop()
    for key, value in outcome.items():
        if value is not True:
            assert is_commit_conflict(value), f"{key}: unexpected failure {value!r}"
    rows = {r.id: r.v for r in spark.sql(f"SELECT id, v FROM {table}").collect()}
    # Every successful operation took effect fully, every failed one not at all.
    expected: dict[int, int] = {}
    for i in range(100):
        if i < 50 and outcome.get("delete") is True:
            continue
        expected[i] = 1 if (i >= 50 and outcome.get("update") is True) else 0
    for i in inserted:
        expected[i] = 7
    assert rows == expected
    count = spark.sql(f"SELECT count(*) AS n FROM {table}").collect()[0].n
    assert count == len(expected)  # no duplicated rows from a lost copy-on-write rewrite


def test_rest_commits_with_same_base_exactly_one_wins(srv):
    port = srv.catalog_port
    create_rest_table(port, NS, "race")
    status, loaded = rest(port, "GET", f"/v1/namespaces/{NS}/tables/race")
    assert status == 200
    metadata = loaded["metadata"]
    base_field_id = metadata["last-column-id"]
    contenders = 8
    barrier = threading.Barrier(contenders)
    results: list[tuple[int, object]] = [None] * contenders  # type: ignore[list-item]

    def commit(k: int):
        def run():
            schema = {"type": "struct", "schema-id": 1, "fields": SCHEMA["fields"] + [
                {"id": base_field_id + 1, "name": f"c{k}", "type": "int", "required": False}]}
            body = {
                "requirements": [
                    {"type": "assert-table-uuid", "uuid": metadata["table-uuid"]},
                    {"type": "assert-last-assigned-field-id",
                     "last-assigned-field-id": base_field_id},
                    {"type": "assert-current-schema-id",
                     "current-schema-id": metadata["current-schema-id"]},
                ],
                "updates": [
                    {"action": "add-schema", "schema": schema,
                     "last-column-id": base_field_id + 1},
                    {"action": "set-current-schema", "schema-id": -1},
                ],
            }
            barrier.wait(timeout=10)
            results[k] = rest(port, "POST", f"/v1/namespaces/{NS}/tables/race", body)
        return run

    run_threads([commit(k) for k in range(contenders)], timeout=30)
    winners = [k for k, r in enumerate(results) if r[0] == 200]
    assert len(winners) == 1, results
    for k, result in enumerate(results):
        if k not in winners:
            assert_error(result, 409, "CommitFailedException", "Requirement failed")
    status, after = rest(port, "GET", f"/v1/namespaces/{NS}/tables/race")
    fields = [f["name"] for s in after["metadata"]["schemas"]
              if s["schema-id"] == after["metadata"]["current-schema-id"] for f in s["fields"]]
    assert fields == ["id", f"c{winners[0]}"]
    assert after["metadata"]["last-column-id"] == base_field_id + 1


def guarded_column_commits(ports: list[int], table: str, clients: int, increments: int):
    """Clients (spread over `ports`) each add `increments` columns to `table` by read-modify-write
    commits guarded by assert-last-assigned-field-id, retrying on 409. Returns the conflicts."""
    conflicts = [0]

    def client(k: int):
        port = ports[k % len(ports)]

        def run():
            for j in range(increments):
                for _attempt in range(500):
                    status, loaded = rest(port, "GET", f"/v1/namespaces/{NS}/tables/{table}")
                    assert status == 200, loaded
                    md = loaded["metadata"]
                    last = md["last-column-id"]
                    current = next(s for s in md["schemas"]
                                   if s["schema-id"] == md["current-schema-id"])
                    schema = {"type": "struct", "schema-id": current["schema-id"] + 1,
                              "fields": current["fields"] + [
                                  {"id": last + 1, "name": f"c{k}_{j}", "type": "int",
                                   "required": False}]}
                    body = {"requirements": [
                                {"type": "assert-table-uuid", "uuid": md["table-uuid"]},
                                {"type": "assert-last-assigned-field-id",
                                 "last-assigned-field-id": last}],
                            "updates": [{"action": "add-schema", "schema": schema,
                                         "last-column-id": last + 1},
                                        {"action": "set-current-schema", "schema-id": -1}]}
                    result = rest(port, "POST", f"/v1/namespaces/{NS}/tables/{table}", body)
                    if result[0] == 200:
                        break
                    assert_error(result, 409, "CommitFailedException")
                    conflicts[0] += 1
                else:
                    raise AssertionError("no progress")
        return run

    run_threads([client(k) for k in range(clients)], timeout=60)
    status, loaded = rest(ports[0], "GET", f"/v1/namespaces/{NS}/tables/{table}")
    md = loaded["metadata"]
    current = next(s for s in md["schemas"] if s["schema-id"] == md["current-schema-id"])
    names = sorted(f["name"] for f in current["fields"])
    expected = sorted(["id"] + [f"c{k}_{j}" for k in range(clients) for j in range(increments)])
    assert names == expected
    assert md["last-column-id"] == 1 + clients * increments
    assert len(md["metadata-log"]) == clients * increments
    return conflicts[0]


def test_rest_guarded_commits_from_many_clients_serialize(srv):
    """Read-modify-write commits through the REST API from several clients, each guarded by a
    requirement and retried on 409: every client's column lands exactly once."""
    create_rest_table(srv.catalog_port, NS, "columns")
    guarded_column_commits([srv.catalog_port], "columns", clients=4, increments=6)


def test_two_catalog_processes_on_one_warehouse_serialize():
    """Two `sparkling catalog` processes over the same warehouse: the SQLite compare-and-swap
    of the metadata pointer keeps commits from both exactly-once (409 for the loser)."""
    warehouse = pathlib.Path(tempfile.mkdtemp(prefix="sparkling-warehouse-"))
    first = CatalogOnly(warehouse).start()
    second = CatalogOnly(warehouse).start()
    try:
        ensure_namespace(first.port, NS)
        create_rest_table(first.port, NS, "shared")
        assert rest(second.port, "GET", f"/v1/namespaces/{NS}/tables/shared")[0] == 200
        guarded_column_commits([first.port, second.port], "shared", clients=4, increments=5)
        assert_metadata_files_whole(warehouse)
    finally:
        assert first.stop() == 0
        assert second.stop() == 0


def test_concurrent_create_table_one_wins(srv):
    from pyspark.errors import AnalysisException

    sessions = [new_session(srv.url) for _ in range(4)]
    results: list[object] = [None] * len(sessions)
    barrier = threading.Barrier(len(sessions))

    def create(k: int):
        def run():
            barrier.wait(timeout=10)
            try:
                sessions[k].sql(f"CREATE TABLE {NS}.created (k INT)").collect()
                sessions[k].sql(f"INSERT INTO {NS}.created VALUES ({k})").collect()
                results[k] = True
            except Exception as error:  # noqa: BLE001
                results[k] = error
        return run

    try:
        run_threads([create(k) for k in range(len(sessions))])
        winners = [k for k, r in enumerate(results) if r is True]
        assert len(winners) == 1, results
        for k, r in enumerate(results):
            if k not in winners:
                assert isinstance(r, AnalysisException), r
                assert error_class(r) == "TABLE_OR_VIEW_ALREADY_EXISTS", r
        rows = sessions[0].sql(f"SELECT k FROM {NS}.created").collect()
        assert [r.k for r in rows] == winners
    finally:
        for s in sessions:
            s.stop()


# ---- 2. durability under kill -9 -------------------------------------------------------------


def test_kill9_during_inserts_keeps_every_acknowledged_commit():
    server = SparklingServer().start()
    warehouse = server.warehouse
    session = new_session(server.url)
    # Fail fast once the server is gone instead of retrying the connection for minutes.
    session.client.set_retry_policies([])
    session.sql(f"CREATE NAMESPACE {NS}")
    session.sql(f"CREATE TABLE {NS}.stream (i INT, pad STRING)")
    acknowledged: list[int] = []
    attempted: list[int] = []
    stop = threading.Event()

    def loop():
        i = 0
        while not stop.is_set() and i < 2000:
            attempted.append(i)
            try:
                session.sql(f"INSERT INTO {NS}.stream VALUES ({i}, repeat('x', 100))").collect()
            except Exception:  # noqa: BLE001 - the server was killed
                return
            acknowledged.append(i)
            i += 1

    writer = threading.Thread(target=loop, daemon=True)
    try:
        writer.start()
        time.sleep(random.uniform(0.8, 2.0))
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=10)
        stop.set()
        writer.join(30)
        assert not writer.is_alive()
    finally:
        stop.set()
        if server.proc.poll() is None:
            server.proc.kill()
    try:
        session.stop()
    except Exception:  # noqa: BLE001 - the server is gone
        pass
    assert len(acknowledged) >= 3, "the writer made no progress before the kill"
    assert_metadata_files_whole(warehouse)

    restarted = SparklingServer(warehouse=warehouse).start()
    try:
        s2 = new_session(restarted.url)
        ids = sorted(r.i for r in s2.sql(f"SELECT i FROM {NS}.stream").collect())
        assert len(ids) == len(set(ids))
        assert set(acknowledged) <= set(ids)
        # At most the one in-flight insert landed without its acknowledgement.
        assert set(ids) <= set(attempted)
        assert len(ids) - len(acknowledged) <= 1
        snapshots = s2.sql(f"SELECT count(*) AS n FROM {NS}.stream.snapshots").collect()[0].n
        assert snapshots == len(ids)
        # The table keeps accepting commits after recovery.
        s2.sql(f"INSERT INTO {NS}.stream VALUES (-1, 'after')").collect()
        assert s2.sql(f"SELECT count(*) AS n FROM {NS}.stream").collect()[0].n == len(ids) + 1
        s2.stop()
    finally:
        code = restarted.stop()
    assert code == 0


def test_kill9_catalog_alone_during_commits():
    warehouse = pathlib.Path(tempfile.mkdtemp(prefix="sparkling-warehouse-"))
    catalog = CatalogOnly(warehouse).start()
    port = catalog.port
    ensure_namespace(port, NS)
    create_rest_table(port, NS, "props")
    acknowledged: list[int] = []
    attempted: list[int] = []
    stop = threading.Event()

    def loop():
        for i in range(5000):
            if stop.is_set():
                return
            attempted.append(i)
            try:
                status, _ = rest(port, "POST", f"/v1/namespaces/{NS}/tables/props",
                                 {"requirements": [],
                                  "updates": [{"action": "set-properties",
                                               "updates": {"last": str(i)}}]}, timeout=5)
            except OSError:
                return
            if status != 200:
                return
            acknowledged.append(i)

    writer = threading.Thread(target=loop, daemon=True)
    try:
        writer.start()
        time.sleep(random.uniform(0.5, 1.5))
        catalog.kill9()
        stop.set()
        writer.join(30)
        assert not writer.is_alive()
    finally:
        stop.set()
        catalog.stop()
    assert len(acknowledged) >= 3
    assert_metadata_files_whole(warehouse)

    catalog = CatalogOnly(warehouse).start()
    try:
        status, loaded = rest(catalog.port, "GET", f"/v1/namespaces/{NS}/tables/props")
        assert status == 200, loaded
        last = int(loaded["metadata"]["properties"]["last"])
        assert last >= acknowledged[-1]
        assert last in attempted and last <= acknowledged[-1] + 1
        # One metadata version per commit (version 0 is the create), none half-written; the
        # log keeps the previous 100 (write.metadata.previous-versions-max).
        current = pathlib.Path(loaded["metadata-location"].removeprefix("file://")).name
        assert current.startswith(f"{last + 1:05d}-"), (current, last)
        assert len(loaded["metadata"]["metadata-log"]) == min(last + 1, 100)
        for entry in loaded["metadata"]["metadata-log"]:
            assert pathlib.Path(entry["metadata-file"].removeprefix("file://")).exists()
        # Still writable.
        status, _ = rest(catalog.port, "POST", f"/v1/namespaces/{NS}/tables/props",
                         {"updates": [{"action": "set-properties", "updates": {"x": "y"}}]})
        assert status == 200
    finally:
        assert catalog.stop() == 0


# ---- 3. bad input to the REST catalog ---------------------------------------------------------


def test_rest_malformed_requests(srv):
    port = srv.catalog_port
    create_rest_table(port, NS, "target")
    tbl = f"/v1/namespaces/{NS}/tables/target"
    uuid_ = rest(port, "GET", tbl)[1]["metadata"]["table-uuid"]
    cases = [
        # malformed JSON and wrong shapes
        ("POST", "/v1/namespaces", None, "{not json", 400, "BadRequestException"),
        ("POST", "/v1/namespaces", None, "", 400, "BadRequestException"),
        ("POST", "/v1/namespaces", None, "[1, 2]", 400, "BadRequestException"),
        ("POST", "/v1/namespaces", None, b"{\"namespace\": [\"\xff\xfe\"]}", 400, None),
        ("POST", "/v1/namespaces", {"namespace": "flat"}, None, 400, "BadRequestException"),
        ("POST", "/v1/namespaces", {"namespace": [1]}, None, 400, "BadRequestException"),
        ("POST", "/v1/namespaces", {"namespace": ["p"], "properties": {"k": 1}}, None, 400, None),
        ("POST", "/v1/namespaces", {"namespace": []}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables", {"name": 5, "schema": SCHEMA}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables", {"name": "noschema"}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables",
         {"name": "badschema", "schema": {"type": "struct", "fields": "x"}}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables",
         {"name": "badtype", "schema": {"type": "struct", "fields": [
             {"id": 1, "name": "a", "type": "no-such-type", "required": False}]}}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables",
         {"name": "badlocation", "schema": SCHEMA, "location": "relative/dir"}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables",
         {"name": "s3location", "schema": SCHEMA, "location": "s3://bucket/x"}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/tables", {"name": "target", "schema": SCHEMA}, None,
         409, "AlreadyExistsException"),
        ("POST", f"/v1/namespaces/{NS}/tables", {"name": "x" * 5000, "schema": SCHEMA}, None,
         400, "BadRequestException"),
        ("POST", f"/v1/namespaces/{NS}/tables",
         {"name": "dupids", "schema": {"type": "struct", "fields": [
             {"id": 1, "name": "a", "type": "int", "required": False},
             {"id": 1, "name": "b", "type": "int", "required": False}]}}, None,
         400, "ValidationException"),
        ("POST", tbl, {"updates": [{"action": "add-schema", "schema": {
            "type": "struct", "fields": [
                {"id": 1, "name": "a", "type": "int", "required": False},
                {"id": 2, "name": "a", "type": "int", "required": False}]}}]}, None,
         400, "ValidationException"),
        # commits: unknown action / requirement type, wrong field types
        ("POST", tbl, {"updates": [{"action": "explode"}]}, None, 400, "BadRequestException"),
        ("POST", tbl, {"updates": [{"no-action": 1}]}, None, 400, None),
        ("POST", tbl, {"requirements": [{"type": "assert-weather", "sunny": True}]}, None,
         400, "BadRequestException"),
        ("POST", tbl, {"requirements": {"type": "assert-create"}}, None, 400, None),
        ("POST", tbl, {"updates": "set-properties"}, None, 400, None),
        ("POST", tbl, {"requirements": [{"type": "assert-table-uuid", "uuid": 5}]}, None, 400,
         None),
        ("POST", tbl, {"updates": [{"action": "set-properties", "updates": {"a": 1}}]}, None,
         400, None),
        ("POST", tbl, {"updates": [{"action": "add-snapshot", "snapshot": {"x": 1}}]}, None,
         400, None),
        ("POST", tbl, {"updates": [{"action": "set-current-schema", "schema-id": 99}]}, None,
         400, None),
        ("POST", tbl, {"updates": [{"action": "set-snapshot-ref", "ref-name": "main",
                                    "type": "branch", "snapshot-id": 12345}]}, None, 400, None),
        ("POST", tbl, {"updates": [{"action": "upgrade-format-version",
                                    "format-version": 1}]}, None, 400, None),
        ("POST", tbl, {"updates": [{"action": "set-location", "location": "no/scheme"}]}, None,
         400, None),
        ("POST", tbl, {"requirements": [{"type": "assert-table-uuid",
                                         "uuid": str(uuid.uuid4())}]}, None,
         409, "CommitFailedException"),
        ("POST", tbl, {"requirements": [{"type": "assert-create"}]}, None,
         409, "CommitFailedException"),
        ("POST", tbl, {"requirements": [{"type": "assert-ref-snapshot-id", "ref": "main",
                                         "snapshot-id": 42}]}, None,
         409, "CommitFailedException"),
        # missing namespaces and tables
        ("GET", "/v1/namespaces/nope", None, None, 404, "NoSuchNamespaceException"),
        ("GET", "/v1/namespaces/nope/tables", None, None, 404, "NoSuchNamespaceException"),
        ("DELETE", "/v1/namespaces/nope", None, None, 404, "NoSuchNamespaceException"),
        ("POST", "/v1/namespaces/nope/properties", {"updates": {"a": "b"}}, None, 404,
         "NoSuchNamespaceException"),
        ("GET", "/v1/namespaces/nope/tables/t", None, None, 404, "NoSuchTableException"),
        ("GET", f"/v1/namespaces/{NS}/tables/nope", None, None, 404, "NoSuchTableException"),
        ("DELETE", "/v1/namespaces/nope/tables/t", None, None, 404, "NoSuchTableException"),
        ("POST", "/v1/namespaces/nope/tables/t", {"updates": []}, None, 404,
         "NoSuchTableException"),
        ("POST", f"/v1/namespaces/{NS}/tables/nope",
         {"requirements": [{"type": "assert-table-uuid", "uuid": uuid_}], "updates": []}, None,
         404, "NoSuchTableException"),
        ("POST", "/v1/namespaces/nope/tables", {"name": "t", "schema": SCHEMA}, None, 404,
         "NoSuchNamespaceException"),
        ("POST", "/v1/tables/rename", {"source": {"namespace": [NS], "name": "nope"},
                                       "destination": {"namespace": [NS], "name": "n2"}}, None,
         404, "NoSuchTableException"),
        ("POST", "/v1/tables/rename", {"source": {"namespace": [NS], "name": "target"},
                                       "destination": {"namespace": ["nope"], "name": "n2"}},
         None, 404, "NoSuchNamespaceException"),
        ("POST", "/v1/tables/rename", {"source": {"namespace": [NS], "name": "target"}}, None,
         400, None),
        ("POST", "/v1/tables/rename", {"source": "a.b", "destination": "c.d"}, None, 400, None),
        ("POST", f"/v1/namespaces/{NS}/register", {"name": "reg",
                                                    "metadata-location": "/etc/passwd"}, None,
         400, None),
        ("POST", f"/v1/namespaces/{NS}/register", {"name": "reg",
                                                    "metadata-location": "/no/such/file.json"},
         None, 400, None),
        ("POST", "/v1/transactions/commit", {"table-changes": [{"updates": []}]}, None, 400,
         None),
        ("POST", "/v1/transactions/commit", {"table-changes": "x"}, None, 400, None),
        ("POST", "/v1/transactions/commit",
         {"table-changes": [{"identifier": {"namespace": ["nope"], "name": "t"},
                             "requirements": [], "updates": []}]}, None, 404,
         "NoSuchTableException"),
        ("POST", f"/v1/namespaces/{NS}/tables/target/metrics", None, "nope", 400, None),
        # names: empty levels, NUL, bad percent-encoding
        ("GET", "/v1/namespaces/a%1F%1Fb", None, None, 400, None),
        ("GET", "/v1/namespaces/%zz", None, None, 400, None),
        ("GET", "/v1/namespaces/abc%", None, None, 400, None),
        ("POST", "/v1/namespaces", {"namespace": ["nul\u0000byte"]}, None, 400, None),
        ("POST", "/v1/namespaces", {"namespace": ["dot.ted"]}, None, 400, None),
        # page tokens
        ("GET", "/v1/namespaces?pageToken=abc", None, None, 400, None),
        ("GET", "/v1/namespaces?pageToken=" + "9" * 400, None, None, 400, None),
        ("GET", "/v1/namespaces?pageToken=-1", None, None, 400, None),
        ("GET", f"/v1/namespaces/{NS}/tables?pageSize=0", None, None, 400, None),
        ("GET", f"/v1/namespaces/{NS}/tables?pageSize=abc", None, None, 400, None),
        ("GET", f"/v1/namespaces/{NS}/tables?pageSize=99999999999999999999999", None, None,
         400, None),
        # wrong methods and unknown routes (Java's reference server: 400 "No route for request")
        ("PUT", "/v1/namespaces", None, "{}", 400, "BadRequestException"),
        ("DELETE", "/v1/config", None, None, 400, "BadRequestException"),
        ("PATCH", tbl, None, "{}", 400, "BadRequestException"),
        ("GET", "/v1/transactions/commit", None, None, 400, "BadRequestException"),
        ("GET", "/v1/namespaces/a/b/c/d/e/f", None, None, 400, "BadRequestException"),
        ("GET", "/v2/config", None, None, 400, "BadRequestException"),
        ("GET", "/", None, None, 400, "BadRequestException"),
    ]
    failures = []
    for method, path, body, raw, code, type_name in cases:
        result = rest(port, method, path, body, raw)
        try:
            assert_error(result, code, type_name)
        except AssertionError as error:
            failures.append(f"{method} {path} {body or raw!r}: {error}")
    assert not failures, "\n".join(failures)
    # The table is unchanged by all of that.
    status, after = rest(port, "GET", tbl)
    assert status == 200
    assert after["metadata"]["table-uuid"] == uuid_
    assert after["metadata"].get("metadata-log", []) == []
    # Pages: a huge valid page size lists everything; an offset beyond the end lists nothing.
    status, body = rest(port, "GET", "/v1/namespaces?pageSize=1000000")
    assert status == 200 and [NS] in body["namespaces"]
    status, body = rest(port, "GET", "/v1/namespaces?pageToken=100000")
    assert status == 200 and body["namespaces"] == []
    assert rest(port, "GET", "/v1/config")[0] == 200


def test_rest_head_requests_have_no_body(srv):
    port = srv.catalog_port
    assert rest(port, "HEAD", "/v1/namespaces/nope") == (404, None)
    assert rest(port, "HEAD", "/v1/namespaces/nope/tables/t") == (404, None)
    assert rest(port, "HEAD", f"/v1/namespaces/{NS}") == (204, None)


def test_rest_hostile_bodies_and_connections(srv):
    port = srv.catalog_port
    # Deep nesting must not overflow the server's stack.
    for raw in ("[" * 200000, "{\"namespace\": " + "[" * 200000 + "]" * 200000 + "}",
                "{\"a\":" * 100000 + "1" + "}" * 100000):
        status, body = rest(port, "POST", "/v1/namespaces", raw=raw)
        assert_error((status, body), 400)
    # Big (but allowed) garbage, and a body over the limit.
    assert_error(rest(port, "POST", "/v1/namespaces", raw="x" * 1_000_000), 400)
    big = "{\"namespace\": [\"n\"], \"properties\": {\"k\": \"" + "x" * (80 << 20) + "\"}}"
    status, body = rest(port, "POST", "/v1/namespaces", raw=big, timeout=30)
    assert status in (400, 413), status
    # Garbage on the socket, and a connection dropped mid-request.
    for payload in (b"\x00\x01\x02 garbage\r\n\r\n", b"GET /v1/config HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Length: 100\r\n\r\n{\"partial\":"):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(payload)
            sock.shutdown(socket.SHUT_WR)
            try:
                sock.recv(65536)
            except OSError:
                pass
    assert rest(port, "GET", "/v1/config")[0] == 200


def test_rest_names_never_escape_the_warehouse(srv):
    port = srv.catalog_port
    warehouse = srv.warehouse.resolve()
    ensure_namespace(port, "trav")
    # A namespace level with a slash (encoded in the path), dots, and table names that look
    # like relative paths: the catalog stores them as names and their default locations stay
    # inside the warehouse.
    status, body = rest(port, "POST", "/v1/namespaces", {"namespace": ["sl/ash"]})
    assert status == 200, body
    status, body = rest(port, "GET", "/v1/namespaces/sl%2Fash")
    assert status == 200 and body["namespace"] == ["sl/ash"], body
    names = ["..", "../x", "../../etc", "a/../../b", "/abs", "back\\slash", "%2e%2e", "."]
    for name in names:
        status, body = rest(port, "POST", "/v1/namespaces/trav/tables",
                            {"name": name, "schema": SCHEMA})
        if status != 200:
            assert_error((status, body), 400)
            continue
        location = pathlib.Path(body["metadata"]["location"].removeprefix("file://"))
        assert location.resolve().is_relative_to(warehouse), (name, location)
        assert body["metadata-location"].removeprefix("file://").startswith(str(location))
        quoted = "".join(c if c.isalnum() else "%%%02X" % ord(c) for c in name)
        status, loaded = rest(port, "GET", f"/v1/namespaces/trav/tables/{quoted}")
        assert status == 200 and loaded["metadata"]["location"] == body["metadata"]["location"]
    status, body = rest(port, "POST", "/v1/namespaces/sl%2Fash/tables",
                        {"name": "t", "schema": SCHEMA})
    assert status == 200, body
    location = pathlib.Path(body["metadata"]["location"].removeprefix("file://"))
    assert location.resolve().is_relative_to(warehouse)
    # Nothing was created next to the warehouse.
    siblings_before = set(warehouse.parent.iterdir())
    assert not (warehouse.parent / "x").exists() and not (warehouse.parent / "b").exists()
    assert set(warehouse.parent.iterdir()) == siblings_before
    # A namespace whose location property points elsewhere is an explicit choice; a table name
    # still cannot climb out of it.
    outside = pathlib.Path(tempfile.mkdtemp(prefix="sparkling-nsloc-"))
    status, body = rest(port, "POST", "/v1/namespaces",
                        {"namespace": ["located"], "properties": {"location": str(outside)}})
    assert status == 200, body
    status, body = rest(port, "POST", "/v1/namespaces/located/tables",
                        {"name": "../escape", "schema": SCHEMA})
    if status == 200:
        location = pathlib.Path(body["metadata"]["location"].removeprefix("file://"))
        assert location.resolve().is_relative_to(outside.resolve()), location
    else:
        assert_error((status, body), 400)
    assert not (outside.parent / "escape").exists()


def test_rest_unwritable_location_is_a_clean_error(srv):
    port = srv.catalog_port
    blocker = pathlib.Path(tempfile.mkdtemp(prefix="sparkling-blocker-")) / "file"
    blocker.write_text("not a directory")
    status, body = rest(port, "POST", f"/v1/namespaces/{NS}/tables",
                        {"name": "unwritable", "schema": SCHEMA,
                         "location": f"file://{blocker}/table"})
    assert status >= 400
    assert_error((status, body), status)
    assert rest(port, "GET", f"/v1/namespaces/{NS}/tables/unwritable")[0] == 404
    assert blocker.read_text() == "not a directory"


# ---- 3b. bad SQL input to tables --------------------------------------------------------------


def error_class(error: Exception) -> str | None:
    getter = getattr(error, "getCondition", None) or getattr(error, "getErrorClass", None)
    return getter() if getter else None


def test_sql_bad_writes_leave_the_table_unchanged(spark):
    from pyspark.errors import AnalysisException, SparkRuntimeException

    table = f"{NS}.strict"
    spark.sql(f"CREATE TABLE {table} (id INT NOT NULL, s STRING)")
    spark.sql(f"INSERT INTO {table} VALUES (1, 'one')").collect()
    before = spark.sql(f"SELECT count(*) AS n FROM {table}.snapshots").collect()[0].n

    with pytest.raises(SparkRuntimeException) as info:
        spark.sql(f"INSERT INTO {table} VALUES (NULL, 'x')").collect()
    assert error_class(info.value) == "NOT_NULL_ASSERT_VIOLATION"
    with pytest.raises(SparkRuntimeException) as info:
        spark.sql(f"INSERT INTO {table} SELECT IF(id = 3, NULL, CAST(id AS INT)), 'y' "
                  "FROM range(5)").collect()
    assert error_class(info.value) == "NOT_NULL_ASSERT_VIOLATION"
    with pytest.raises(AnalysisException) as info:
        spark.sql(f"INSERT INTO {table} VALUES ('abc', 'x')").collect()
    assert error_class(info.value) == "INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST"
    with pytest.raises(AnalysisException) as info:
        spark.sql(f"INSERT INTO {table} VALUES (1, 'x', 3)").collect()
    assert error_class(info.value) == "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
    with pytest.raises(SparkRuntimeException) as info:
        spark.sql(f"UPDATE {table} SET id = NULL WHERE id = 1").collect()
    assert error_class(info.value) == "NOT_NULL_ASSERT_VIOLATION"

    rows = [tuple(r) for r in spark.sql(f"SELECT * FROM {table}").collect()]
    assert rows == [(1, "one")]
    after = spark.sql(f"SELECT count(*) AS n FROM {table}.snapshots").collect()[0].n
    assert after == before


def test_sql_names_stay_inside_the_warehouse(srv, spark):
    warehouse = srv.warehouse.resolve()
    for name in ("`../evil`", "`a/../../b`", "`..`"):
        spark.sql(f"CREATE TABLE {NS}.{name} (id INT)")
        spark.sql(f"INSERT INTO {NS}.{name} VALUES (1)").collect()
        assert [r.id for r in spark.sql(f"SELECT id FROM {NS}.{name}").collect()] == [1]
        paths = [r.file_path for r in
                 spark.sql(f"SELECT file_path FROM {NS}.{name}.files").collect()]
        assert len(paths) == 1
        assert pathlib.Path(paths[0].removeprefix("file://")).resolve().is_relative_to(warehouse)
    assert not (warehouse.parent / "evil").exists()
    assert not (warehouse.parent / "b").exists()


def test_sql_unwritable_location(spark):
    blocker = pathlib.Path(tempfile.mkdtemp(prefix="sparkling-blocker-")) / "file"
    blocker.write_text("x")
    with pytest.raises(Exception) as info:
        spark.sql(f"CREATE TABLE {NS}.nowhere (id INT) LOCATION '{blocker}/t'").collect()
    assert "Traceback" not in str(info.value)
    assert spark.sql(f"SHOW TABLES IN {NS} LIKE 'nowhere'").count() == 0
    with pytest.raises(Exception):
        spark.sql(f"CREATE TABLE {NS}.nowhere2 USING iceberg LOCATION '{blocker}/t' "
                  "AS SELECT 1 AS id").collect()
    assert spark.sql(f"SHOW TABLES IN {NS} LIKE 'nowhere2'").count() == 0
    assert blocker.read_text() == "x"
    # The server is fine.
    assert spark.sql("SELECT 1 AS one").collect()[0].one == 1
