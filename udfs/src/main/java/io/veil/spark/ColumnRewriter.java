package io.veil.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns per-path rules into the output columns of a table: top-level columns in input order,
 * untouched columns passed through as they are (same expression, same metadata, so their bytes do
 * not change), nested struct fields rewritten in place with {@code withField}, array elements with
 * {@code transform} and map values with {@code transform_values}. Every problem is collected, so
 * one run reports all of them.
 */
public final class ColumnRewriter {

  /** The field-metadata key under which Veil records what it did to a column. */
  public static final String METADATA_KEY = "veil";

  private ColumnRewriter() {}

  /** The outcome for a table's schema: output columns, what was transformed, and problems. */
  public static final class Plan {
    private final List<Column> columns = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();
    private final List<String> untouchedColumns = new ArrayList<>();
    private final List<String> droppedPaths = new ArrayList<>();
    private final List<ColumnPath> keptNested = new ArrayList<>();
    private final List<TransformedField> transformed = new ArrayList<>();
    private final List<SchemaProblem> problems = new ArrayList<>();

    /** The output columns, in input order. */
    public List<Column> columns() {
      return columns;
    }

    public List<String> outputNames() {
      return outputNames;
    }

    /** Top-level columns passed through without any change. */
    public List<String> untouchedColumns() {
      return untouchedColumns;
    }

    public List<String> droppedPaths() {
      return droppedPaths;
    }

    /**
     * Fields left as they were inside top-level columns that changed elsewhere ({@code
     * address.city} when {@code address.street} was masked): outermost paths only.
     */
    public List<ColumnPath> keptNestedPaths() {
      return keptNested;
    }

    public List<TransformedField> transformed() {
      return transformed;
    }

    public List<SchemaProblem> problems() {
      return problems;
    }
  }

  private enum Outcome {
    UNCHANGED,
    DROPPED,
    CHANGED
  }

  /** How one value (column, field, element) comes out: its fate and, if changed, how. */
  private static final class Result {
    static final Result UNCHANGED = new Result(Outcome.UNCHANGED, null);
    static final Result DROPPED = new Result(Outcome.DROPPED, null);

    final Outcome outcome;
    final Function<Column, Column> rewrite;

    Result(Outcome outcome, Function<Column, Column> rewrite) {
      this.outcome = outcome;
      this.rewrite = rewrite;
    }
  }

  private static final class Node {
    ColumnAction action;
    final Map<ColumnPath.Step, Node> children = new LinkedHashMap<>();
  }

  public static Plan plan(
      StructType schema, Map<ColumnPath, ColumnAction> rules, UnlistedColumns unlisted) {
    Node root = new Node();
    for (Map.Entry<ColumnPath, ColumnAction> rule : rules.entrySet()) {
      Node node = root;
      for (ColumnPath.Step step : rule.getKey().steps()) {
        node = node.children.computeIfAbsent(step, s -> new Node());
      }
      node.action = rule.getValue();
    }
    Plan plan = new Plan();
    new Walk(plan, unlisted).top(schema, root);
    return plan;
  }

  private static final class Walk {
    private final Plan plan;
    private final UnlistedColumns unlisted;
    private final Map<String, List<TransformedField>> byColumn = new LinkedHashMap<>();
    private final List<ColumnPath> nestedUnchanged = new ArrayList<>();
    private String currentColumn;

    Walk(Plan plan, UnlistedColumns unlisted) {
      this.plan = plan;
      this.unlisted = unlisted;
    }

    void top(StructType schema, Node root) {
      reportMissing(schema, root, null);
      for (StructField field : schema.fields()) {
        currentColumn = field.name();
        nestedUnchanged.clear();
        ColumnPath path = ColumnPath.column(field.name());
        Node node = root.children.get(ColumnPath.Step.field(field.name()));
        Result result = value(field.dataType(), node, path);
        Column input = functions.col(quoteForColumn(field.name()));
        switch (result.outcome) {
          case DROPPED:
            plan.droppedPaths.add(path.toString());
            break;
          case UNCHANGED:
            plan.columns.add(input);
            plan.outputNames.add(field.name());
            plan.untouchedColumns.add(field.name());
            break;
          default:
            addOutermost(nestedUnchanged, plan.keptNested);
            Metadata metadata = metadataFor(field.metadata(), byColumn.get(field.name()));
            plan.columns.add(result.rewrite.apply(input).as(field.name(), metadata));
            plan.outputNames.add(field.name());
        }
      }
    }

    private Result value(DataType type, Node node, ColumnPath path) {
      if (node == null) {
        return unlisted(path);
      }
      if (node.action != null) {
        if (!node.children.isEmpty()) {
          plan.problems.add(
              new SchemaProblem(
                  SchemaProblem.Kind.CONFLICTING_RULES,
                  path.toString(),
                  "Conflicting rules: "
                      + path
                      + " has op "
                      + node.action.name()
                      + " and rules for values inside it too; keep one"));
          return Result.UNCHANGED;
        }
        return action(type, node.action, path);
      }
      if (type instanceof StructType) {
        return struct((StructType) type, node, path);
      }
      if (type instanceof ArrayType) {
        return container(((ArrayType) type).elementType(), node, path, ColumnPath.Step.ELEMENTS);
      }
      if (type instanceof MapType) {
        return container(((MapType) type).valueType(), node, path, ColumnPath.Step.VALUES);
      }
      reportMissing(null, node, path);
      return Result.UNCHANGED;
    }

    private Result action(DataType type, ColumnAction action, ColumnPath path) {
      switch (action.kind()) {
        case KEEP:
          return Result.UNCHANGED;
        case DROP:
          return Result.DROPPED;
        default:
          ColumnOperation op = action.operation();
          String why = op.rejectType(type);
          if (why != null) {
            plan.problems.add(
                new SchemaProblem(
                    SchemaProblem.Kind.WRONG_TYPE,
                    path.toString(),
                    "Cannot apply "
                        + op.name()
                        + " to "
                        + path
                        + " of type "
                        + type.simpleString()
                        + ": "
                        + why));
            return Result.UNCHANGED;
          }
          TransformedField field =
              new TransformedField(path, action.settings(), op, type, op.resultType(type));
          plan.transformed.add(field);
          byColumn.computeIfAbsent(currentColumn, c -> new ArrayList<>()).add(field);
          return new Result(Outcome.CHANGED, input -> op.apply(input, type));
      }
    }

    private Result unlisted(ColumnPath path) {
      switch (unlisted) {
        case KEEP:
          return Result.UNCHANGED;
        case DROP:
          return Result.DROPPED;
        default:
          plan.problems.add(
              new SchemaProblem(
                  SchemaProblem.Kind.UNLISTED_COLUMN,
                  path.toString(),
                  "Unlisted column "
                      + path
                      + ": name it under columns (op = keep, drop or another op),"
                      + " or set unlisted-columns = keep or drop"));
          return Result.UNCHANGED;
      }
    }

    private Result struct(StructType type, Node node, ColumnPath path) {
      reportMissing(type, node, path);
      Map<String, Function<Column, Column>> changed = new LinkedHashMap<>();
      List<String> dropped = new ArrayList<>();
      for (StructField f : type.fields()) {
        ColumnPath child = path.child(ColumnPath.Step.field(f.name()));
        Result r = value(f.dataType(), node.children.get(ColumnPath.Step.field(f.name())), child);
        if (r.outcome == Outcome.UNCHANGED) {
          nestedUnchanged.add(child);
        } else if (r.outcome == Outcome.CHANGED) {
          changed.put(f.name(), r.rewrite);
        } else if (r.outcome == Outcome.DROPPED) {
          dropped.add(f.name());
          plan.droppedPaths.add(child.toString());
        }
      }
      if (dropped.size() == type.fields().length) {
        return Result.DROPPED; // Spark has no empty structs: dropping every field drops the struct
      }
      if (changed.isEmpty() && dropped.isEmpty()) {
        return Result.UNCHANGED;
      }
      return new Result(
          Outcome.CHANGED,
          input -> {
            Column out = input;
            for (Map.Entry<String, Function<Column, Column>> e : changed.entrySet()) {
              out =
                  out.withField(
                      quoteForField(e.getKey()), e.getValue().apply(input.getField(e.getKey())));
            }
            if (!dropped.isEmpty()) {
              for (String name : dropped) {
                out = out.dropFields(quotedSeq(name));
              }
            }
            return out;
          });
    }

    private Result container(DataType inner, Node node, ColumnPath path, ColumnPath.Step step) {
      Node child = node.children.get(step);
      String kind = step == ColumnPath.Step.ELEMENTS ? "an array" : "a map";
      for (ColumnPath.Step s : node.children.keySet()) {
        if (!s.equals(step)) {
          String right = path.child(step) + (s.kind() == ColumnPath.Step.Kind.FIELD ? "." + s : "");
          plan.problems.add(
              new SchemaProblem(
                  SchemaProblem.Kind.MISSING_COLUMN,
                  path.child(s).toString(),
                  "Invalid path "
                      + path.child(s)
                      + ": "
                      + path
                      + " is "
                      + kind
                      + "; write "
                      + right));
        }
      }
      Result r = value(inner, child, path.child(step));
      if (r.outcome != Outcome.CHANGED) {
        return r;
      }
      Function<Column, Column> each = r.rewrite;
      if (step == ColumnPath.Step.ELEMENTS) {
        return new Result(Outcome.CHANGED, input -> functions.transform(input, x -> each.apply(x)));
      }
      return new Result(
          Outcome.CHANGED, input -> functions.transform_values(input, (k, v) -> each.apply(v)));
    }

    /** Adds the paths of {@code found} that have no ancestor among them. */
    private static void addOutermost(List<ColumnPath> found, List<ColumnPath> into) {
      for (ColumnPath p : found) {
        boolean covered = false;
        for (ColumnPath q : found) {
          if (q != p
              && q.steps().size() < p.steps().size()
              && p.steps().subList(0, q.steps().size()).equals(q.steps())) {
            covered = true;
            break;
          }
        }
        if (!covered) {
          into.add(p);
        }
      }
    }

    /**
     * Rules naming fields that {@code type} does not have (all of them when type is not a struct).
     */
    private void reportMissing(StructType type, Node node, ColumnPath path) {
      for (ColumnPath.Step step : node.children.keySet()) {
        String name = step.name();
        if (step.kind() != ColumnPath.Step.Kind.FIELD) {
          plan.problems.add(
              new SchemaProblem(
                  SchemaProblem.Kind.WRONG_TYPE,
                  path.toString(),
                  "Invalid path " + path + step + ": " + path + " is neither an array nor a map"));
          continue;
        }
        if (type != null && hasField(type, name)) {
          continue;
        }
        String full =
            path == null
                ? ColumnPath.quoteIfNeeded(name)
                : path + "." + ColumnPath.quoteIfNeeded(name);
        String message;
        if (type == null) {
          message = "Missing column " + full + ": " + path + " is not a struct";
        } else {
          String similar = caseInsensitiveMatch(type, name);
          message =
              "Missing column "
                  + full
                  + (similar == null
                      ? ""
                      : " (did you mean " + similar + "? names are case-sensitive)");
        }
        plan.problems.add(new SchemaProblem(SchemaProblem.Kind.MISSING_COLUMN, full, message));
      }
    }

    private static boolean hasField(StructType type, String name) {
      for (StructField f : type.fields()) {
        if (f.name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    private static String caseInsensitiveMatch(StructType type, String name) {
      for (StructField f : type.fields()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          return f.name();
        }
      }
      return null;
    }
  }

  /** Field metadata recording every transform applied at or below one top-level column. */
  static Metadata metadataFor(Metadata existing, List<TransformedField> fields) {
    List<Metadata> entries = new ArrayList<>();
    for (TransformedField f : fields == null ? List.<TransformedField>of() : fields) {
      MetadataBuilder b = new MetadataBuilder();
      b.putString("path", f.path().toString());
      for (Map.Entry<String, Object> e : f.settings().record().entrySet()) {
        put(b, e.getKey(), e.getValue());
      }
      b.putString("original_type", f.plaintextType().catalogString());
      b.putString("result_type", f.resultType().catalogString());
      entries.add(b.build());
    }
    Metadata veil =
        new MetadataBuilder()
            .putLong("format", 1)
            .putMetadataArray("transforms", entries.toArray(new Metadata[0]))
            .build();
    return new MetadataBuilder().withMetadata(existing).putMetadata(METADATA_KEY, veil).build();
  }

  private static void put(MetadataBuilder b, String key, Object value) {
    if (value == null) {
      b.putNull(key);
    } else if (value instanceof Boolean) {
      b.putBoolean(key, (Boolean) value);
    } else if (value instanceof Long || value instanceof Integer) {
      b.putLong(key, ((Number) value).longValue());
    } else if (value instanceof Double) {
      b.putDouble(key, (Double) value);
    } else {
      b.putString(key, value.toString());
    }
  }

  /** A top-level column reference that takes the name literally, dots and all. */
  public static String quoteForColumn(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String quoteForField(String name) {
    return quoteForColumn(name);
  }

  private static scala.collection.immutable.Seq<String> quotedSeq(String name) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(quoteForField(name))).toList();
  }
}
