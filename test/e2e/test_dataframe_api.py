"""DataFrame API scenarios run on Sparkling and on real Spark 4.1.1; results must be equal.

Each scenario takes a session and returns plain Python values (rows, schemas, printed text),
so the comparison covers values, types, column names and the client-visible formatting.
"""

import contextlib
import datetime
import decimal
import io

import pyarrow as pa
import pytest

from conftest import new_session

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


def printed(action) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        action()
    return out.getvalue()


def result(df):
    """Schema and rows of a DataFrame as plain values."""
    return df.schema.simpleString(), [tuple(r) for r in df.collect()]


@scenario
def range_basic(spark):
    return result(spark.range(5)), result(spark.range(2, 11, 3)), result(spark.range(10, 0, -4))


@scenario
def create_from_tuples(spark):
    df = spark.createDataFrame([(1, "a", 1.5), (2, None, None)], ["x", "y", "z"])
    return result(df)


@scenario
def create_from_rows(spark):
    from pyspark.sql import Row

    df = spark.createDataFrame([Row(name="ann", age=31), Row(name="bob", age=None)])
    return result(df)


@scenario
def create_with_ddl_schema(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], "id INT, label STRING")
    return result(df)


@scenario
def create_with_struct_schema(spark):
    from pyspark.sql.types import (ArrayType, DecimalType, IntegerType, MapType, StringType,
                                   StructField, StructType)

    schema = StructType([
        StructField("id", IntegerType(), False),
        StructField("tags", ArrayType(StringType())),
        StructField("attrs", MapType(StringType(), IntegerType())),
        StructField("price", DecimalType(10, 2)),
        StructField("inner", StructType([StructField("a", IntegerType()), StructField("b", StringType())])),
    ])
    rows = [(1, ["x", None], {"k": 1}, decimal.Decimal("12.34"), (1, "q")),
            (2, None, None, None, None)]
    return result(spark.createDataFrame(rows, schema))


@scenario
def create_from_pandas(spark):
    import pandas as pd

    pdf = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None], "c": [0.5, None, 2.0]})
    df = spark.createDataFrame(pdf)
    # NaN != NaN in Python: compare pandas' missing values as None.
    pandas_back = df.toPandas().astype(object)
    return result(df), pandas_back.where(pandas_back.notna(), None).to_dict("list")


@scenario
def create_from_pandas_with_schema(spark):
    import pandas as pd

    pdf = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    return result(spark.createDataFrame(pdf, "a long, b string"))


@scenario
def create_from_arrow(spark):
    table = pa.table({"n": pa.array([1, 2, None], pa.int64()), "s": ["a", "b", "c"]})
    df = spark.createDataFrame(table)
    return result(df), df.toArrow().to_pydict()


@scenario
def all_types_roundtrip(spark):
    from pyspark.sql.types import (BinaryType, BooleanType, ByteType, DateType, DecimalType,
                                   DoubleType, FloatType, IntegerType, LongType, NullType,
                                   ShortType, StringType, StructField, StructType, TimestampNTZType,
                                   TimestampType)

    schema = StructType([
        StructField("b", BooleanType()), StructField("i8", ByteType()), StructField("i16", ShortType()),
        StructField("i32", IntegerType()), StructField("i64", LongType()), StructField("f", FloatType()),
        StructField("d", DoubleType()), StructField("dec", DecimalType(20, 5)), StructField("s", StringType()),
        StructField("bin", BinaryType()), StructField("dt", DateType()), StructField("ts", TimestampType()),
        StructField("ntz", TimestampNTZType()), StructField("n", NullType()),
    ])
    row = (True, 1, 2, 3, 4, 1.5, 2.25, decimal.Decimal("123.45678"), "héllo", b"\x00\x01",
           datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 678901),
           datetime.datetime(2024, 1, 2, 3, 4, 5), None)
    df = spark.createDataFrame([row, tuple([None] * 14)], schema)
    return result(df), result(df.selectExpr("*"))


@scenario
def select_and_expressions(spark):
    from pyspark.sql import functions as F

    df = spark.range(4)
    out = df.select("id", (F.col("id") * 2).alias("doubled"), F.lit("x"), df.id + 1,
                    F.when(df.id > 1, "big").otherwise("small"))
    return result(out), result(df.selectExpr("id * 10 AS t", "id % 2 = 0"))


@scenario
def filter_where(spark):
    from pyspark.sql import functions as F

    df = spark.range(10)
    return (result(df.filter(df.id > 6)), result(df.where("id < 2")),
            result(df.filter(F.col("id").isin(1, 3, 5) & (F.col("id") != 3))))


@scenario
def with_columns(spark):
    from pyspark.sql import functions as F

    df = spark.range(3).withColumn("sq", F.col("id") * F.col("id")).withColumn("id", F.col("id") + 100)
    df2 = df.withColumns({"a": F.lit(1), "b": F.col("sq") + 1})
    return result(df), result(df2)


@scenario
def rename_and_drop(spark):
    df = spark.createDataFrame([(1, "a", True)], ["x", "y", "z"])
    return (result(df.withColumnRenamed("x", "xx")), result(df.withColumnsRenamed({"y": "yy", "z": "zz"})),
            result(df.drop("y")), result(df.drop(df.z, "nope")), result(df.toDF("p", "q", "r")))


@scenario
def alias_and_self_join(spark):
    df = spark.createDataFrame([(1, "a"), (2, "b")], ["k", "v"])
    a, b = df.alias("a"), df.alias("b")
    joined = a.join(b, a.k == b.k).select("a.k", "b.v")
    return sorted(tuple(r) for r in joined.collect())


@scenario
def joins(spark):
    left = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["k", "l"])
    right = spark.createDataFrame([(2, "x"), (3, "y"), (4, "z")], ["k", "r"])
    outcomes = {}
    for how in ["inner", "left", "right", "full", "left_semi", "left_anti", "cross"]:
        if how == "cross":
            df = left.crossJoin(right)
        else:
            df = left.join(right, on="k", how=how)
        outcomes[how] = (df.schema.simpleString(), sorted(map(str, df.collect())))
    on_expr = left.join(right, left.k == right.k, "inner").select(left.k, "l", "r")
    outcomes["on_expr"] = sorted(map(str, on_expr.collect()))
    return outcomes


@scenario
def order_limit_offset(spark):
    from pyspark.sql import functions as F

    df = spark.createDataFrame([(3, "c"), (1, None), (None, "a"), (2, "b")], ["n", "s"])
    return (result(df.orderBy("n")), result(df.sort(F.desc("n"))),
            result(df.orderBy(F.col("n").asc_nulls_last())), result(df.orderBy(F.desc_nulls_first("s"))),
            result(df.orderBy("n").limit(2)), result(df.orderBy("n").offset(2)))


@scenario
def distinct_and_dedup(spark):
    df = spark.createDataFrame([(1, "a"), (1, "a"), (1, "b"), (2, "b")], ["k", "v"])
    return (sorted(map(tuple, df.distinct().collect())), sorted(map(tuple, df.dropDuplicates(["k"]).select("k").collect())),
            df.dropDuplicates().count())


@scenario
def group_by_agg(spark):
    from pyspark.sql import functions as F

    df = spark.createDataFrame([("a", 1), ("a", 3), ("b", 5), ("b", None)], ["k", "v"])
    agg = df.groupBy("k").agg(F.count("*").alias("n"), F.sum("v"), F.avg("v"), F.max("v"),
                              F.countDistinct("v"))
    return sorted(map(tuple, agg.collect())), agg.schema.simpleString(), result(df.groupBy().count())


@scenario
def union_and_by_name(spark):
    a = spark.createDataFrame([(1, "x")], ["n", "s"])
    b = spark.createDataFrame([("y", 2)], ["s", "n"])
    c = spark.createDataFrame([(3,)], ["n"])
    return (result(a.union(a)), result(a.unionByName(b)), result(a.unionByName(c, allowMissingColumns=True)))


@scenario
def temp_views(spark):
    spark.range(3).createOrReplaceTempView("nums")
    out = result(spark.sql("SELECT id * 2 AS d FROM nums"))
    tables = sorted(t.name for t in spark.catalog.listTables())
    exists = spark.catalog.tableExists("nums"), spark.catalog.tableExists("nope")
    spark.catalog.dropTempView("nums")
    return out, tables, exists, spark.catalog.tableExists("nums")


@scenario
def show_output(spark):
    df = spark.createDataFrame(
        [(1, "short", 1.0, None), (22, "a much longer string value here", 1e10, True),
         (None, None, -0.5, False)], "n int, s string, d double, b boolean")
    return (printed(df.show), printed(lambda: df.show(truncate=False)), printed(lambda: df.show(2)),
            printed(lambda: df.show(vertical=True)), printed(lambda: df.show(truncate=5)),
            printed(spark.range(0).show))


@scenario
def show_nested_types(spark):
    df = spark.sql("SELECT array(1, 2, NULL) a, map('k', 1) m, named_struct('x', 1, 'y', 'z') s, "
                   "CAST(1.50 AS DECIMAL(5,2)) d, DATE '2024-01-02' dt")
    return printed(df.show)


@scenario
def print_schema(spark):
    df = spark.createDataFrame([(1, [1], {"a": 1.0})], "id long, xs array<int>, m map<string,double>")
    return printed(df.printSchema), df.columns, df.dtypes


@scenario
def actions(spark):
    df = spark.range(7)
    return (df.count(), tuple(df.first()), [tuple(r) for r in df.head(2)], [tuple(r) for r in df.take(3)],
            [tuple(r) for r in df.tail(2)], df.toPandas()["id"].tolist(), df.toArrow().num_rows)


@scenario
def conf_roundtrip(spark):
    spark.conf.set("spark.sql.shuffle.partitions", "3")
    a = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.unset("spark.sql.shuffle.partitions")
    b = spark.conf.get("spark.sql.shuffle.partitions")
    c = spark.conf.get("no.such.key", "fallback")
    return a, b, c, spark.conf.get("spark.sql.ansi.enabled")


@scenario
def catalog_api(spark):
    return (spark.catalog.currentDatabase(), [d.name for d in spark.catalog.listDatabases()],
            spark.catalog.currentCatalog())


@scenario
def sql_with_parameters(spark):
    named = spark.sql("SELECT :a + 1 AS x, :s AS s", args={"a": 41, "s": "hi"})
    positional = spark.sql("SELECT ? * 2 AS y, ? AS z", args=[21, "q"])
    return result(named), result(positional)


@scenario
def explain_simple_has_plan(spark):
    text = printed(spark.range(3).filter("id > 1").explain)
    return text.startswith("== Physical Plan ==")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_scenario_matches_spark(name, remote, reference_spark):
    ours = new_session(remote)
    theirs = new_session(reference_spark.url)
    try:
        expected = SCENARIOS[name](theirs)
        got = SCENARIOS[name](ours)
    finally:
        ours.stop()
        theirs.stop()
    assert got == expected
