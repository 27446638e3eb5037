import gc
import logging
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))

from servers import ReferenceSparkServer, SparklingServer, java_available  # noqa: E402

# pyspark logs every server error as JSON on stderr; the tests assert on errors instead.
logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)


def pytest_addoption(parser):
    parser.addoption("--differential", action="store_true",
                     help="also run SQL test files on real Spark 4.1.1 and compare")


@pytest.fixture(autouse=True)
def collect_dropped_sessions():
    """pyspark's SparkSession.__del__ closes its client, which shuts down the release thread pool
    all clients share. Run from a garbage collection inside that pool's submit() (any thread that
    allocates), it waits for the pool it is holding: a client-side deadlock. Collecting dropped
    sessions here, on the main thread between tests, keeps __del__ out of other threads."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def server():
    srv = SparklingServer().start()
    yield srv
    code = srv.stop()
    # A graceful SIGTERM shutdown exits 0; anything else is a bug worth failing on.
    assert code == 0, f"server exit code {code} on SIGTERM\n{srv.log()[-4000:]}"


@pytest.fixture(scope="session")
def remote(server):
    return server.url


def new_session(url):
    from pyspark.sql import SparkSession

    return SparkSession.builder.remote(url).create()


@pytest.fixture()
def spark(remote):
    """A fresh, isolated Spark Connect session per test."""
    session = new_session(remote)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def reference_spark(request):
    if not java_available():
        pytest.skip("Java is not installed: the reference Spark 4.1.1 server cannot start")
    srv = ReferenceSparkServer().start()
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def reference_iceberg_spark(request):
    """Real Spark with spark_catalog an Iceberg REST catalog (see sqltest.ReferenceIcebergSpark)."""
    if not java_available():
        pytest.skip("Java is not installed: the reference Spark 4.1.1 server cannot start")
    from sqltest import ReferenceIcebergSpark

    srv = ReferenceIcebergSpark().start()
    yield srv
    srv.stop()
