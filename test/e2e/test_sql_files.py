"""Runs every test/sql/*.test file against Sparkling (and real Spark with --differential)."""

import pathlib

import pytest

from conftest import new_session
from sqltest import expected_outcome, parse, run_record

SQL_DIR = pathlib.Path(__file__).resolve().parents[1] / "sql"
FILES = sorted(SQL_DIR.glob("*.test"))

# Files whose expected (real Spark) results Sparkling does not reach yet, with the reason.
# Strict: once a gap is closed the test fails until the entry is removed.
KNOWN_GAPS: dict[str, str] = {}


def file_param(path):
    reason = KNOWN_GAPS.get(path.stem)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(path, id=path.stem, marks=marks)


@pytest.mark.parametrize("path", [file_param(p) for p in FILES])
def test_sql_file(path, remote, request):
    records = parse(path)
    spark = new_session(remote)
    reference = None
    if request.config.getoption("--differential"):
        # Iceberg features need Spark with Iceberg's runtime over a REST catalog.
        fixture = "reference_iceberg_spark" if path.stem.startswith("iceberg_") else "reference_spark"
        reference = new_session(request.getfixturevalue(fixture).url)
    failures = []
    try:
        for rec in records:
            got = run_record(spark, rec)
            want = run_record(reference, rec) if reference else expected_outcome(rec)
            if got != want:
                failures.append(
                    f"{path.name}:{rec.line}: {rec.sql}\n  expected: {want}\n  got:      {got}")
    finally:
        spark.stop()
        if reference:
            reference.stop()
    assert not failures, "\n".join(failures)
