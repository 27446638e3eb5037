"""Shared by the demo scripts: where the server and the warehouse are (`.env` or defaults)."""

from __future__ import annotations

import os
import pathlib
import socket
from urllib.parse import urlparse

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAMESPACES = ("raw", "stg", "dw", "mrt")


def load_env_file(path: pathlib.Path = ROOT / ".env") -> None:
    """KEY=VALUE lines of `.env` fill in variables the environment does not already set."""
    if not path.is_file():
        return
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.strip().removeprefix("export ").strip()
        os.environ.setdefault(key, value.strip().strip("'\""))


load_env_file()
SPARK_REMOTE = os.environ.get("SPARK_REMOTE", "sc://localhost:15002")
CATALOG = os.environ.get("ICEBERG_CATALOG", "spark_catalog")
WAREHOUSE_PATH = pathlib.Path(
    os.environ.get("WAREHOUSE_PATH", str(ROOT / "spark-warehouse" / "iceberg"))).resolve()


def server_address() -> tuple[str, int]:
    url = urlparse(SPARK_REMOTE.replace("sc://", "http://", 1))
    return url.hostname or "localhost", url.port or 15002


def server_listening(timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(server_address(), timeout=timeout):
            return True
    except OSError:
        return False


def require_server() -> None:
    """Fails fast with advice: the Connect client would otherwise retry for a long time."""
    if not server_listening():
        raise SystemExit(f"Spark Connect is not reachable at {SPARK_REMOTE}: nothing listens on "
                         f"{':'.join(map(str, server_address()))}. Start the server with `make up`.")


def connect():
    """A Spark Connect session on SPARK_REMOTE."""
    from pyspark.sql import SparkSession

    require_server()
    return SparkSession.builder.remote(SPARK_REMOTE).getOrCreate()
