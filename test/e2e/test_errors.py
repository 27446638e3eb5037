"""Errors reach pyspark as the same Python exception, error class, SQLSTATE and message
parameters that real Spark 4.1.1 gives for the same input."""

import pytest

from conftest import new_session

FAILING_SQL = [
    "SELEC 1",
    "SELECT 1 +",
    "SELECT * FROM",
    "SELECT nope FROM range(3)",
    "SELECT * FROM missing_table",
    "SELECT * FROM missing_db.missing_table",
    "SELECT no_such_fn(1)",
    "SELECT 1 / 0",
    "SELECT 2147483647 + 1",
    "SELECT CAST('abc' AS INT)",
    "SELECT CAST(3000000000L AS INT)",
    "SELECT id, count(*) FROM range(3)",
    "SELECT 1 UNION SELECT 1, 2",
    "SELECT id FROM range(3) ORDER BY 5",
    "SELECT a.id FROM range(2) a JOIN range(2) b ON id = id",
    "SET spark.sql.shuffle.partitions",
]


def describe(spark, action):
    try:
        action()
    except Exception as e:  # noqa: BLE001 - the exception itself is what we compare
        return (type(e).__name__, e.getCondition() if hasattr(e, "getCondition") else None,
                e.getSqlState() if hasattr(e, "getSqlState") else None,
                e.getMessageParameters() if hasattr(e, "getMessageParameters") else None)
    return ("no error",)


@pytest.mark.parametrize("sql", FAILING_SQL)
def test_sql_error_matches_spark(sql, remote, reference_spark):
    ours = new_session(remote)
    theirs = new_session(reference_spark.url)
    try:
        expected = describe(theirs, lambda: theirs.sql(sql).collect())
        got = describe(ours, lambda: ours.sql(sql).collect())
    finally:
        ours.stop()
        theirs.stop()
    assert got == expected


def test_dataframe_errors_match_spark(remote, reference_spark):
    from pyspark.sql import functions as F

    def cases(spark):
        df = spark.range(3)
        return [
            describe(spark, lambda: df.select("nope").collect()),
            describe(spark, lambda: df.select(F.col("id") / 0).collect()),
            describe(spark, lambda: spark.conf.get("spark.no.such.key")),
            describe(spark, lambda: spark.table("nope").collect()),
            describe(spark, lambda: df.selectExpr("id +").collect()),
        ]

    ours, theirs = new_session(remote), new_session(reference_spark.url)
    try:
        assert cases(ours) == cases(theirs)
    finally:
        ours.stop()
        theirs.stop()


def test_error_message_is_spark_style(spark):
    from pyspark.errors import AnalysisException

    with pytest.raises(AnalysisException) as info:
        spark.sql("SELECT nope FROM range(3)").collect()
    message = str(info.value)
    assert "[UNRESOLVED_COLUMN.WITH_SUGGESTION]" in message
    assert "`nope`" in message
    assert "SQLSTATE: 42703" in message


def test_user_errors_are_not_retried(spark):
    """A user error must fail at once, not be retried as if the server were unavailable."""
    import time

    start = time.monotonic()
    with pytest.raises(Exception):
        spark.sql("SELECT * FROM missing_table").collect()
    assert time.monotonic() - start < 5


PARSE_ERROR_SQL = ["SELEC 1", "SELECT 1 FROM t WHERE\n  a = \n", "", "SELECT 'abc",
                   "SELECT CAST(1 AS NOTATYPE)", "SELECT 1;;"]


def test_parse_error_messages_match_spark(remote, reference_spark):
    """ParseException text, with the position and the `== SQL ==` block, as Spark prints it."""

    def messages(spark):
        out = []
        for sql in PARSE_ERROR_SQL:
            try:
                spark.sql(sql).collect()
                out.append("no error")
            except Exception as e:  # noqa: BLE001 - the message itself is compared
                out.append(str(e).split("\n\nJVM stacktrace")[0])
        try:
            spark.createDataFrame([(1,)], "a int, b").collect()
        except Exception as e:  # noqa: BLE001
            out.append(str(e).split("\n\nJVM stacktrace")[0])
        return out

    ours, theirs = new_session(remote), new_session(reference_spark.url)
    try:
        assert messages(ours) == messages(theirs)
    finally:
        ours.stop()
        theirs.stop()
