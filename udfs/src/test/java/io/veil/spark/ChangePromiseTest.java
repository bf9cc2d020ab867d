package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import java.math.BigDecimal;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Which ops promise change is declared, not inferred from a predicate: verification counts promised
 * values that came out unchanged and the leak check covers exactly these fields.
 */
class ChangePromiseTest {
  private static final byte[] KEY = new byte[32];

  @Test
  void opsThatPromiseChangeGiveThePredicate() {
    ColumnOperation[] promising = {
      PseudonymOperation.onBytes(new Pseudonymizer(KeyMaterial.of(KEY), "", 20)),
      TruncateOperation.keep(1, 0),
      new StringOperation("mask", "veil_mask", v -> v, c -> c.isNotNull()),
      EncryptOperation.onBytes(t -> null, false, false, false, true),
    };
    for (ColumnOperation op : promising) {
      assertTrue(op.promisesChange(), op::name);
      assertNotNull(op.mustChange(functions.col("x"), DataTypes.StringType), op::name);
    }
  }

  @Test
  void opsThatPromiseNothingSaySo() {
    ColumnOperation[] none = {
      ConstantOperation.constant("x"),
      ConstantOperation.nulls(),
      TruncateOperation.toWidth(BigDecimal.TEN),
      new StringOperation("replace", "veil_regex_replace", v -> v, null),
      EncryptOperation.onBytes(t -> null, true, false, false, false),
    };
    for (ColumnOperation op : none) {
      assertFalse(op.promisesChange(), op::name);
    }
    assertThrows(
        UnsupportedOperationException.class,
        () -> ConstantOperation.nulls().mustChange(functions.col("x"), DataTypes.StringType));
  }
}
