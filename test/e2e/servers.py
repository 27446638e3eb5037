"""Start and stop the servers the end-to-end tests and benchmarks talk to.

`SparklingServer` runs our binary on a free loopback port; `ReferenceSparkServer` runs real
Spark 4.1.1's Spark Connect server from the jars shipped in the pinned pyspark wheel (needs Java).
"""

from __future__ import annotations

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)
    raise TimeoutError(f"port {port} not open after {timeout} s")


def sparkling_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("SPARKLING_BIN", ROOT / "build" / "bin" / "sparkling"))
    if not path.exists():
        raise FileNotFoundError(f"{path} not built; run `make build`")
    return path


class SparklingServer:
    """Our server on free loopback ports, with its own temporary Iceberg warehouse (or `warehouse`)."""

    def __init__(self, port: int | None = None, extra_args: list[str] | None = None,
                 warehouse: pathlib.Path | None = None, catalog_port: int | None = None):
        self.port = port or free_port()
        self.catalog_port = catalog_port or free_port()
        self.extra_args = extra_args or []
        self.proc: subprocess.Popen | None = None
        self.log_path = pathlib.Path(tempfile.mkstemp(prefix="sparkling-", suffix=".log")[1])
        self.warehouse = warehouse or pathlib.Path(tempfile.mkdtemp(prefix="sparkling-warehouse-"))

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    @property
    def catalog_url(self) -> str:
        return f"http://127.0.0.1:{self.catalog_port}"

    def start(self, timeout: float = 20.0) -> "SparklingServer":
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [str(sparkling_binary()), "server", "--host", "127.0.0.1", "--port", str(self.port),
             "--warehouse", str(self.warehouse), "--catalog-port", str(self.catalog_port),
             *self.extra_args],
            stdout=log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.proc, timeout)
        return self

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM, then wait; returns the exit code (SIGKILL after `timeout`, code -9)."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return -9

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def java_available() -> bool:
    return shutil.which("java") is not None


class ReferenceSparkServer:
    """Real Spark 4.1.1 Spark Connect server (local[2]) from the pinned pyspark's jars."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="reference-spark-"))

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> "ReferenceSparkServer":
        import pyspark

        spark_home = pathlib.Path(pyspark.__file__).parent
        env = dict(os.environ, SPARK_HOME=str(spark_home), SPARK_LOCAL_IP="127.0.0.1")
        self.proc = subprocess.Popen(
            [str(spark_home / "bin" / "spark-submit"),
             "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
             "--master", "local[2]",
             "--conf", f"spark.connect.grpc.binding.port={self.port}",
             "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
             "--conf", "spark.ui.enabled=false",
             "--conf", f"spark.sql.warehouse.dir={self.workdir / 'warehouse'}",
             "--conf", f"spark.driver.extraJavaOptions=-Dderby.system.home={self.workdir}",
             "spark-internal"],
            cwd=self.workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.proc, timeout)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
