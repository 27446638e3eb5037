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


ICEBERG_SPARK_RUNTIME = ROOT / ".tools" / "jars" / "iceberg-spark-runtime-4.1_2.13-1.11.0.jar"


def iceberg_rest_conf(catalog_uri: str, catalog: str = "spark_catalog") -> dict[str, str]:
    """Spark confs making `catalog` an Iceberg catalog over the REST catalog at `catalog_uri`."""
    return {
        "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        f"spark.sql.catalog.{catalog}": "org.apache.iceberg.spark.SparkCatalog",
        f"spark.sql.catalog.{catalog}.type": "rest",
        f"spark.sql.catalog.{catalog}.uri": catalog_uri,
        # Other engines commit to the same tables: always load the current metadata.
        f"spark.sql.catalog.{catalog}.cache-enabled": "false",
        "spark.sql.defaultCatalog": catalog,
    }


def iceberg_hadoop_conf(warehouse: pathlib.Path, catalog: str = "spark_catalog") -> dict[str, str]:
    """Spark confs making `catalog` an Iceberg Hadoop catalog over a local warehouse directory."""
    return {
        "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        f"spark.sql.catalog.{catalog}": "org.apache.iceberg.spark.SparkCatalog",
        f"spark.sql.catalog.{catalog}.type": "hadoop",
        f"spark.sql.catalog.{catalog}.warehouse": str(warehouse),
        "spark.sql.defaultCatalog": catalog,
    }


class ReferenceSparkServer:
    """Real Spark 4.1.1 Spark Connect server (local[2]) from the pinned pyspark's jars, plus
    optional extra `jars` (e.g. ICEBERG_SPARK_RUNTIME) and Spark `conf` entries."""

    def __init__(self, port: int | None = None, jars: list[pathlib.Path] | None = None,
                 conf: dict[str, str] | None = None):
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="reference-spark-"))
        self.jars = [pathlib.Path(j) for j in (jars or [])]
        self.conf = dict(conf or {})
        self.log_path = self.workdir / "spark.log"

    @property
    def url(self) -> str:
        return f"sc://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> "ReferenceSparkServer":
        return self.launch().wait_ready(timeout)

    def wait_ready(self, timeout: float = 120.0) -> "ReferenceSparkServer":
        """Waits for a server started with `launch()` to accept connections."""
        assert self.proc is not None, "launch() first"
        wait_for_port(self.port, self.proc, timeout)
        return self

    def launch(self) -> "ReferenceSparkServer":
        """Starts the JVM without waiting for it, so callers can work while it boots."""
        import pyspark

        spark_home = pathlib.Path(pyspark.__file__).parent
        env = dict(os.environ, SPARK_HOME=str(spark_home), SPARK_LOCAL_IP="127.0.0.1")
        # A client setting of the user's shell; spark-submit refuses to start a server with it.
        env.pop("SPARK_REMOTE", None)
        missing = [str(j) for j in self.jars if not j.exists()]
        if missing:
            raise FileNotFoundError(f"jars not downloaded (run scripts/fetch_jars.sh): {missing}")
        extra: list[str] = []
        if self.jars:
            extra += ["--jars", ",".join(str(j) for j in self.jars)]
        for key, value in self.conf.items():
            extra += ["--conf", f"{key}={value}"]
        # Logs go to a file only when extra jars are loaded (their start-up failures need reading).
        out = open(self.log_path, "wb") if self.jars or self.conf else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [str(spark_home / "bin" / "spark-submit"),
             "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
             "--master", "local[2]",
             "--conf", f"spark.connect.grpc.binding.port={self.port}",
             "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
             "--conf", "spark.ui.enabled=false",
             "--conf", f"spark.sql.warehouse.dir={self.workdir / 'warehouse'}",
             "--conf", f"spark.driver.extraJavaOptions=-Dderby.system.home={self.workdir}",
             *extra,
             "spark-internal"],
            cwd=self.workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
        if out is not subprocess.DEVNULL:
            out.close()
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)
