package io.veil.spark.op;

import io.veil.keys.Keyset;

/**
 * The keys a binding may name: the job's key ring, or the SQL functions' static conf. Beyond the
 * bytes, it records what each key serves (a key whose bytes serve Spark's layout as they are may
 * serve nothing else) and warns when a compromised version is read.
 */
public interface KeyLookup {
  /** The purpose of key bytes that serve Spark's aes_encrypt layout as they are. */
  String SPARK_GCM = "spark-aes-gcm";

  Keyset keyset(String name);

  /**
   * Records that {@code key} serves {@code purpose} at {@code place}.
   *
   * @throws KeyMismatchException when its bytes already serve a purpose they may not share
   */
  void claim(String key, String purpose, String place);

  /** A reader of values under {@code version} of {@code key} (null: any version). */
  void reading(String key, Integer version, String reader);
}
