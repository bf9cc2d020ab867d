package io.veil.job.scan;

import io.veil.scan.ColumnSample;
import io.veil.spark.ColumnPath;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A value-holding place in a table, in Veil's path syntax: a top-level column ({@code email}), a
 * struct field ({@code address.city}), the elements of an array ({@code tags[]}, {@code
 * contacts[].phone}) or the values of a map ({@code attributes{}}). Map keys are not visited: no
 * path names them, so no rule could treat them.
 */
public record LeafField(ColumnPath path, DataType type, ColumnSample.Kind kind) {

  /** Every leaf of {@code schema}, depth first in schema order. */
  public static List<LeafField> of(StructType schema) {
    List<LeafField> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      walk(ColumnPath.column(f.name()), f.dataType(), out);
    }
    return out;
  }

  private static void walk(ColumnPath path, DataType type, List<LeafField> out) {
    if (type instanceof StructType) {
      for (StructField f : ((StructType) type).fields()) {
        walk(path.child(ColumnPath.Step.field(f.name())), f.dataType(), out);
      }
    } else if (type instanceof ArrayType) {
      walk(path.child(ColumnPath.Step.ELEMENTS), ((ArrayType) type).elementType(), out);
    } else if (type instanceof MapType) {
      walk(path.child(ColumnPath.Step.VALUES), ((MapType) type).valueType(), out);
    } else {
      out.add(new LeafField(path, type, kindOf(type)));
    }
  }

  static ColumnSample.Kind kindOf(DataType type) {
    if (type instanceof StringType) {
      return ColumnSample.Kind.STRING;
    }
    if (type instanceof DateType) {
      return ColumnSample.Kind.DATE;
    }
    if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      return ColumnSample.Kind.TIMESTAMP;
    }
    if (type instanceof ByteType
        || type instanceof ShortType
        || type instanceof IntegerType
        || type instanceof LongType
        || (type instanceof DecimalType && ((DecimalType) type).scale() == 0)) {
      return ColumnSample.Kind.INTEGER;
    }
    if (type instanceof DecimalType
        || type instanceof FloatType
        || type instanceof DoubleType
        || type instanceof BooleanType) {
      return ColumnSample.Kind.NUMBER;
    }
    return ColumnSample.Kind.UNSCANNED; // binary, intervals, variant, null
  }

  /**
   * The innermost field name, which says most about the values ({@code phone} of {@code
   * contacts[].phone}).
   */
  public String fieldName() {
    List<ColumnPath.Step> steps = path.steps();
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i).kind() == ColumnPath.Step.Kind.FIELD) {
        return steps.get(i).name();
      }
    }
    return path.column();
  }
}
