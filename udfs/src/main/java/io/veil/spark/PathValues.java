package io.veil.spark;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The values at a path below a top-level column, as one expression: a scalar for struct paths
 * ({@code address.city}), an array of every value for paths through arrays or maps ({@code
 * contacts[].phone}, {@code attributes{}}). Used to compare input and output values.
 */
public final class PathValues {
  private PathValues() {}

  /** Whether the path passes through an array or a map, so {@link #of} gives an array. */
  public static boolean isMulti(ColumnPath path) {
    return path.steps().stream().anyMatch(s -> s.kind() != ColumnPath.Step.Kind.FIELD);
  }

  /** The type of {@link #of}'s result for {@code path} in {@code schema}. */
  public static DataType typeOf(StructType schema, ColumnPath path) {
    List<ColumnPath.Step> steps = path.steps();
    DataType t = schema.apply(path.column()).dataType();
    boolean multi = false;
    for (ColumnPath.Step step : steps.subList(1, steps.size())) {
      switch (step.kind()) {
        case FIELD:
          t = ((StructType) t).apply(step.name()).dataType();
          break;
        case ELEMENTS:
          t = ((ArrayType) t).elementType();
          multi = true;
          break;
        default:
          t = ((MapType) t).valueType();
          multi = true;
      }
    }
    return multi ? DataTypes.createArrayType(t) : t;
  }

  /**
   * The same values in a form Spark can hash: maps (which Spark refuses to hash, their entry order
   * being arbitrary) become their entries sorted by key, at any depth.
   */
  public static Column hashable(Column c, DataType type) {
    if (!containsMap(type)) {
      return c;
    }
    if (type instanceof MapType) {
      MapType m = (MapType) type;
      return functions.array_sort(
          functions.transform(
              functions.map_entries(c),
              e ->
                  functions.struct(
                      hashable(e.getField("key"), m.keyType()).as("key"),
                      hashable(e.getField("value"), m.valueType()).as("value"))));
    }
    if (type instanceof ArrayType) {
      DataType element = ((ArrayType) type).elementType();
      return functions.transform(c, x -> hashable(x, element));
    }
    StructType struct = (StructType) type;
    Column[] fields = new Column[struct.fields().length];
    for (int i = 0; i < fields.length; i++) {
      StructField f = struct.fields()[i];
      fields[i] = hashable(c.getField(f.name()), f.dataType()).as(f.name());
    }
    return functions.when(c.isNotNull(), functions.struct(fields));
  }

  private static boolean containsMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType) {
      return containsMap(((ArrayType) type).elementType());
    }
    if (type instanceof StructType) {
      for (StructField f : ((StructType) type).fields()) {
        if (containsMap(f.dataType())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The values at {@code path} of the dataset a column expression is applied to. */
  public static Column at(ColumnPath path) {
    return of(functions.col(ColumnRewriter.quoteForColumn(path.column())), path);
  }

  /** The values at {@code path}, read from {@code top}, the path's top-level column. */
  public static Column of(Column top, ColumnPath path) {
    List<ColumnPath.Step> steps = path.steps();
    Column c = top;
    boolean multi = false;
    for (ColumnPath.Step step : steps.subList(1, steps.size())) {
      switch (step.kind()) {
        case FIELD:
          String name = step.name();
          c = multi ? functions.transform(c, x -> x.getField(name)) : c.getField(name);
          break;
        case ELEMENTS:
          c = multi ? functions.flatten(c) : c;
          multi = true;
          break;
        default:
          c =
              multi
                  ? functions.flatten(functions.transform(c, functions::map_values))
                  : functions.map_values(c);
          multi = true;
      }
    }
    return c;
  }
}
