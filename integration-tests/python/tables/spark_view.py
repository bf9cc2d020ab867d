"""Spark's view of Veil's table outputs, for test_table_readers.py: submitted with spark-submit
(pyspark's distribution, Iceberg's and Delta's jars), it reads each table as a Spark user does and
writes its rows, unchanged, as one Parquet file per table, which the test reads with pyarrow.

    spark-submit --jars ... spark_view.py ICEBERG_LOCATION DELTA_LOCATION OUT_DIR
"""
import sys

from pyspark.sql import SparkSession

iceberg, delta, out = sys.argv[1:4]
# Timestamps as UTC microseconds, as both tables store them; Spark's default (INT96) reads back in
# pyarrow as naive nanoseconds, the same instants in another type.
spark = (SparkSession.builder
         .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
         .getOrCreate())
# By location, not through a catalog: Iceberg's Hadoop tables and Delta's path tables.
for name, fmt, location in (("iceberg", "iceberg", iceberg), ("delta", "delta", delta)):
    rows = spark.read.format(fmt).load(location)
    rows.coalesce(1).write.mode("overwrite").parquet(f"{out}/{name}")
spark.stop()
