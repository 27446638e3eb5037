"""The platform commands as a user types them: `make up / ps / stop / start / logs / clean / run`,
including a killed server, a port already taken and a demo step with no server.

Every make call gets its own ports, runtime folder, warehouse and build folder (under a temporary
directory) on the command line, so nothing here touches a server the developer runs on 15002."""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from servers import ROOT, free_port, sparkling_binary

pytestmark = pytest.mark.timeout(240)


class Platform:
    def __init__(self, base: pathlib.Path):
        self.base = base
        self.port = free_port()
        self.catalog_port = free_port()
        self.run_dir = base / "run"
        self.warehouse = base / "warehouse"
        self.build_dir = base / "build"
        self.settings = [
            f"SPARK_REMOTE=sc://127.0.0.1:{self.port}", f"CATALOG_PORT={self.catalog_port}",
            f"RUN_DIR={self.run_dir}", f"WAREHOUSE_PATH={self.warehouse}",
            f"BUILD_DIR={self.build_dir}", f"SPARKLING_BIN={sparkling_binary()}",
            f"ENV_FILE={base / 'no.env'}"]

    def make(self, *targets: str, expect: int | None = 0, timeout: float = 120,
             extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        # Run from `make test`, the parent make's flags and jobserver must not leak in.
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        proc = subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), *targets, *self.settings, *extra],
            capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env)
        if expect is not None:
            assert proc.returncode == expect, (
                f"make {' '.join(targets)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
        return proc

    @property
    def pid_file(self) -> pathlib.Path:
        return self.run_dir / "sparkling.pid"

    def pid(self) -> int:
        return int(self.pid_file.read_text().strip())

    def query(self, sql: str) -> list[tuple]:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.remote(f"sc://127.0.0.1:{self.port}").create()
        try:
            return [tuple(r) for r in spark.sql(sql).collect()]
        finally:
            spark.stop()

    def catalog_config(self) -> dict:
        import json

        url = f"http://127.0.0.1:{self.catalog_port}/v1/config"
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped) counts as gone.
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def platform(tmp_path):
    plat = Platform(tmp_path)
    yield plat
    # Whatever a failed test left running goes (by its own pid, never by name).
    if plat.pid_file.exists():
        try:
            os.kill(plat.pid(), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass


def test_up_ps_stop_start_and_a_killed_server(platform):
    up = platform.make("up").stdout
    assert f"sc://127.0.0.1:{platform.port}" in up
    assert f"http://127.0.0.1:{platform.catalog_port}" in up
    pid = platform.pid()
    assert alive(pid)
    # Ready means both front doors answer: Spark Connect and the Iceberg REST catalog.
    assert platform.query("SELECT 1 + 1") == [(2,)]
    assert "endpoints" in platform.catalog_config()

    ps = platform.make("ps").stdout
    assert re.search(rf"spark-connect\s+{pid}\s+\S+\s+\d+ MiB\s+sc://127.0.0.1:{platform.port}", ps), ps
    assert f"iceberg-rest-catalog   {pid}" in ps and str(platform.catalog_port) in ps

    # `up` again is a no-op that names the running server.
    again = platform.make("up").stdout
    assert f"already running (pid {pid})" in again and platform.pid() == pid

    platform.query("CREATE TABLE default.kept USING iceberg AS SELECT 42 AS answer")
    stopped = platform.make("stop").stdout
    assert f"stopped (pid {pid})" in stopped
    assert wait_gone(pid, 1)
    assert not platform.pid_file.exists()
    assert "not running" in platform.make("ps").stdout
    assert "not running" in platform.make("stop").stdout

    # start (no build) brings it back, with the warehouse as it was.
    platform.make("start")
    pid = platform.pid()
    assert platform.query("SELECT answer FROM default.kept") == [(42,)]

    # A crash leaves a stale pid file: ps and start notice and recover.
    os.kill(pid, signal.SIGKILL)
    assert wait_gone(pid)
    ps = platform.make("ps").stdout
    assert "stale pid file" in ps and "not running" in ps
    assert not platform.pid_file.exists()
    platform.pid_file.write_text(f"{pid}\n")
    restarted = platform.make("start").stdout
    assert "stale pid file" in restarted and "is up" in restarted
    assert platform.pid() != pid
    assert platform.query("SELECT answer FROM default.kept") == [(42,)]

    logs = platform.make("logs", extra=("FOLLOW=0",)).stdout
    assert "Spark Connect server started" in logs

    platform.make("stop")


def test_port_in_use_is_reported(platform):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", platform.port))
        taken.listen()
        proc = platform.make("up", expect=None)
    assert proc.returncode != 0
    assert f"port 127.0.0.1:{platform.port} is already in use" in proc.stderr, proc.stderr
    assert not platform.pid_file.exists()


def test_demo_step_without_server_fails_fast(platform):
    started = time.monotonic()
    proc = platform.make("dbt-run", expect=None)
    assert proc.returncode != 0
    assert time.monotonic() - started < 30
    assert "not reachable" in proc.stderr and "make up" in proc.stderr, proc.stderr


def test_make_run_twice_then_clean(platform):
    # The main job a new user runs: up, clean warehouse, namespaces, dbt seed, dbt run, verify.
    for _ in range(2):
        out = platform.make("run", timeout=200).stdout
        assert "verify OK" in out and "total_sum = 2450" in out, out
        assert "PASS=3" in out and "INSERT 100" in out, out
    for namespace in ("raw", "stg", "dw", "mrt"):
        assert (platform.warehouse / namespace).is_dir()
    assert platform.query("SELECT total_sum FROM spark_catalog.mrt.mrt_final_stats") == [(2450,)]

    pid = platform.pid()
    platform.build_dir.mkdir()
    platform.make("clean")
    assert wait_gone(pid)
    assert not platform.run_dir.exists()
    assert not platform.warehouse.exists()
    assert not platform.build_dir.exists()
