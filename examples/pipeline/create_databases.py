"""Creates the databases the pipeline writes into (a pipeline run does not create databases,
in Spark as in Sparkling). Connects to SPARK_REMOTE (default sc://localhost:15002)."""

import os

from pyspark.sql import SparkSession

spark = SparkSession.builder.remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002")).getOrCreate()
for database in ("raw", "stg", "dw", "mrt"):
    spark.sql(f"CREATE DATABASE IF NOT EXISTS spark_catalog.{database}")
spark.stop()
