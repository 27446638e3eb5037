"""Four materialized views, one per layer: raw -> staging -> warehouse -> mart."""

from pyspark import pipelines as dp
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.active()


@dp.materialized_view(name="spark_catalog.raw.source_numbers")
def source_numbers():
    return spark.range(0, 100).withColumnRenamed("id", "number")


@dp.materialized_view(name="spark_catalog.stg.stg_numbers")
def stg_numbers():
    return spark.read.table("spark_catalog.raw.source_numbers").select(
        F.col("number").cast("long").alias("id")
    )


@dp.materialized_view(name="spark_catalog.dw.fct_filtered_evens")
def fct_filtered_evens():
    return spark.read.table("spark_catalog.stg.stg_numbers").where(F.col("id") % 2 == 0)


@dp.materialized_view(name="spark_catalog.mrt.mrt_final_stats")
def mrt_final_stats():
    return spark.read.table("spark_catalog.dw.fct_filtered_evens").agg(
        F.sum("id").alias("total_sum")
    )
