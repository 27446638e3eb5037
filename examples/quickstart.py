"""A short PySpark session against Sparkling (run by `make run`).

Works unchanged against real Spark Connect: only SPARK_REMOTE decides where it goes.
"""

import os

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.remote(os.environ.get("SPARK_REMOTE", "sc://localhost:15002")).getOrCreate()
print(f"Connected to Spark {spark.version} at {os.environ.get('SPARK_REMOTE', 'sc://localhost:15002')}")

numbers = spark.range(0, 100).withColumnRenamed("id", "number")
numbers.createOrReplaceTempView("source_numbers")

evens = spark.sql("SELECT CAST(number AS BIGINT) AS id FROM source_numbers WHERE number % 2 = 0")
evens.orderBy(F.desc("id")).show(5)

stats = evens.agg(F.count("*").alias("rows"), F.sum("id").alias("total_sum"), F.avg("id").alias("mean"))
stats.show()

people = spark.createDataFrame([("ann", 31, "eng"), ("bob", 25, "ops"), ("cy", 42, "eng")],
                               "name string, age int, dept string")
people.groupBy("dept").agg(F.max("age").alias("oldest"), F.count("*").alias("n")).orderBy("dept").show()
people.printSchema()

total = stats.collect()[0]["total_sum"]
assert total == 2450, total
print("quickstart OK: sum of even numbers below 100 is", total)
spark.stop()
