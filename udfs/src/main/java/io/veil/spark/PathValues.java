package io.veil.spark;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The values at a path below a top-level column, as one expression: a scalar for struct paths
 * ({@code address.city}), an array of every value for paths through arrays or maps
 * ({@code contacts[].phone}, {@code attributes{}}). Used to compare input and output values.
 */
public final class PathValues {
  private PathValues() {}

  /** Whether the path passes through an array or a map, so {@link #of} gives an array. */
  public static boolean isMulti(ColumnPath path) {
    return path.steps().stream().anyMatch(s -> s.kind() != ColumnPath.Step.Kind.FIELD);
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
          c = multi ? functions.flatten(functions.transform(c, functions::map_values)) : functions.map_values(c);
          multi = true;
      }
    }
    return c;
  }
}
