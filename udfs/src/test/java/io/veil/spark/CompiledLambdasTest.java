package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.HigherOrderFunction;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Each query runs twice, in a session with the rule and in one without: the same rows, and the
 * rule's plan holds no interpreted lambda where it promises to compile one.
 */
class CompiledLambdasTest {
  private static SparkSession compiled;
  private static SparkSession interpreted;

  private static final String TABLE =
      "SELECT * FROM VALUES "
          + "(1, array(named_struct('kind', 'home', 'phone', '13812345678'),"
          + "          named_struct('kind', 'work', 'phone', NULL), NULL),"
          + "    array('a', NULL, 'ccc'), array(array('x', 'yy'), NULL, array()),"
          + "    array(1L, 2L, NULL), array(10L, 20L, 30L, 40L)),"
          + "(2, array(), array(), array(), array(), array()),"
          + "(3, NULL, NULL, NULL, NULL, NULL),"
          + "(4, array(named_struct('kind', NULL, 'phone', '')), array(''), array(array(NULL)),"
          + "    array(NULL), array(5L)) "
          + "AS t(id, contacts, tags, nested, small, large)";

  @TempDir static Path dir;

  @BeforeAll
  static void sessions() {
    SparkSession shared = SharedSpark.get();
    interpreted = shared.newSession();
    compiled = shared.newSession();
    CompiledLambdas.install(compiled);
    CompiledLambdas.install(compiled); // twice is once
    // From Parquet: over literal rows Spark's optimizer would evaluate the queries itself.
    String path = dir.resolve("t").toString();
    shared.sql(TABLE).write().parquet(path);
    compiled.read().parquet(path).createOrReplaceTempView("t");
    interpreted.read().parquet(path).createOrReplaceTempView("t");
  }

  @Test
  void structElementsRewrittenAsSparkDoes() {
    assertSame(
        "SELECT id, transform(contacts, c -> named_struct('kind', c.kind,"
            + " 'phone', concat(substr(c.phone, 1, 3), '***'))) AS r FROM t",
        true);
    assertSame("SELECT id, transform(contacts, c -> c.phone) AS r FROM t", true);
    assertSame("SELECT id, transform(contacts, c -> c) AS r FROM t", true);
  }

  @Test
  void stringsNumbersAndNestedArrays() {
    assertSame("SELECT id, transform(tags, x -> upper(x)) AS r FROM t", true);
    assertSame("SELECT id, transform(small, x -> x * 2) AS r FROM t", true);
    assertSame(
        "SELECT id, transform(nested, xs -> transform(xs, y -> concat(y, '!'))) AS r FROM t", true);
    assertSame("SELECT id, flatten(transform(nested, xs -> xs)) AS r FROM t", true);
  }

  @Test
  void everyElementType() {
    assertSame(
        "SELECT id, transform(small, x -> CAST(x AS DECIMAL(20, 2)) / 3) AS d,"
            + " transform(small, x -> date_add(DATE'2024-02-28', CAST(x AS INT))) AS dt,"
            + " transform(small, x -> TIMESTAMP'2024-01-01 00:00:00' + make_interval(0, 0, 0, 0,"
            + " CAST(x AS INT))) AS ts,"
            + " to_json(named_struct('b', transform(tags, x -> CAST(x AS BINARY)))) AS b,"
            + " transform(small, x -> x % 2 = 0) AS bool,"
            + " transform(large, x -> x / 7.0D) AS dbl,"
            + " transform(tags, x -> map(coalesce(x, '?'), length(x))) AS m,"
            + " transform(contacts, c -> array(c.kind, c.phone)) AS arr FROM t",
        true);
  }

  @Test
  void zipWithPadsTheShorterArrayWithNulls() {
    assertSame("SELECT id, zip_with(small, large, (a, b) -> coalesce(a, 0) + b) AS r FROM t", true);
    assertSame("SELECT id, zip_with(tags, small, (a, b) -> concat(a, b)) AS r FROM t", true);
  }

  @Test
  void aggregateCountsAsSparkDoes() {
    assertSame(
        "SELECT id, aggregate(zip_with(small, large, (a, b) -> CASE WHEN a = b / 10 THEN 1L"
            + " ELSE 0L END), 0L, (acc, v) -> acc + v) AS r FROM t",
        true);
    // A null element makes the sum null, as in Spark.
    assertSame("SELECT id, aggregate(small, 0L, (acc, v) -> acc + v) AS r FROM t", true);
    assertSame("SELECT id, aggregate(large, 7L, (acc, v) -> acc * 2 + v) AS r FROM t", true);
  }

  @Test
  void lambdasThatAreNotSelfContainedStayInterpreted() {
    // A column of the row, an outer lambda's variable, an index, a finish, an int accumulator,
    // randomness: left as Spark built them, with the same results.
    assertSame("SELECT id, transform(small, x -> x + id) AS r FROM t", false);
    assertSame("SELECT id, transform(large, x -> transform(small, y -> y + x)) AS r FROM t", false);
    assertSame("SELECT id, transform(tags, (x, i) -> concat(x, i)) AS r FROM t", false);
    assertSame(
        "SELECT id, aggregate(large, 0L, (acc, v) -> acc + v, a -> a * 2) AS r FROM t", false);
    assertSame("SELECT id, aggregate(large, 0, (acc, v) -> acc + 1) AS r FROM t", false);
    Dataset<Row> random = compiled.sql("SELECT transform(small, x -> x + rand()) AS r FROM t");
    assertEquals(1, interpretedLambdas(random));
  }

  @Test
  void offLeavesSparksLambdas() {
    SparkSession off = SharedSpark.get().newSession();
    off.conf().set(CompiledLambdas.ENABLED, "false");
    CompiledLambdas.install(off);
    off.read().parquet(dir.resolve("t").toString()).createOrReplaceTempView("t");
    Dataset<Row> d = off.sql("SELECT transform(tags, x -> upper(x)) FROM t");
    assertEquals(1, interpretedLambdas(d));
    assertEquals(0, compiledCalls(d));
  }

  @Test
  void observedMetricsCompileToo() throws InterruptedException {
    // The job counts the values an op left unchanged in Spark's observed metrics.
    String count =
        "sum(aggregate(zip_with(small, large, (a, b) -> CASE WHEN a IS NULL THEN 1L"
            + " ELSE 0L END), 0L, (acc, v) -> acc + v))";
    Observation observed = new Observation("nulls");
    Dataset<Row> d = compiled.table("t").observe(observed, functions.expr(count).as("n"));
    d.collectAsList();
    assertEquals(0, interpretedLambdas(d));
    assertEquals(3L, observed.getAsJava().get("n"));
  }

  private static void assertSame(String sql, boolean compiles) {
    Dataset<Row> c = compiled.sql(sql);
    assertEquals(rows(interpreted.sql(sql)), rows(c), sql);
    if (compiles) {
      assertEquals(0, interpretedLambdas(c), sql);
      assertTrue(compiledCalls(c) > 0, sql);
    } else {
      assertTrue(interpretedLambdas(c) > 0, sql);
    }
  }

  /** Spark's higher-order functions left in the optimized plan. */
  private static int interpretedLambdas(Dataset<Row> d) {
    return count(d, e -> e instanceof HigherOrderFunction);
  }

  /** Calls of a {@link CompiledLambda} in the optimized plan. */
  private static int compiledCalls(Dataset<Row> d) {
    return count(
        d,
        e ->
            e instanceof Invoke
                && ((Invoke) e).targetObject() instanceof Literal
                && ((Literal) ((Invoke) e).targetObject()).value() instanceof CompiledLambda);
  }

  private static int count(Dataset<Row> d, Predicate<Expression> test) {
    int[] n = {0};
    d.queryExecution()
        .optimizedPlan()
        .foreach(
            node -> {
              for (Expression e : CollectionConverters.asJava(node.expressions())) {
                e.foreach(
                    x -> {
                      if (test.test(x)) {
                        n[0]++;
                      }
                      return BoxedUnit.UNIT;
                    });
              }
              return BoxedUnit.UNIT;
            });
    return n[0];
  }

  private static List<String> rows(Dataset<Row> d) {
    return d.collectAsList().stream().map(Row::toString).toList();
  }
}
