package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.DateShift;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.OnInvalid;
import io.veil.spark.PathValues;
import io.veil.spark.ShiftOffsets;
import io.veil.spark.ShiftOperation;
import io.veil.spark.SparkTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code op = shift} and {@code op = unshift}: dates and timestamps moved by a keyed offset per
 * person ({@link DateShift}), and moved back.
 */
public final class ShiftDefinition implements OperationDefinition {
  private static final List<String> UNITS = List.of("days", "seconds");
  private static final List<String> ON_INVALID = List.of("fail", "null");
  private static final long SECONDS_PER_DAY = 86_400L;

  private final boolean undo;

  private ShiftDefinition(boolean undo) {
    this.undo = undo;
  }

  static final ShiftDefinition SHIFT = new ShiftDefinition(false);
  static final ShiftDefinition UNSHIFT = new ShiftDefinition(true);

  /**
   * @param op shift or unshift
   * @param keyVersion the key's version the offsets come from (null before binding)
   * @param by the column or struct field whose value identifies the person
   * @param onInvalid fail or null for a date whose {@code by} is null; null for the table's
   */
  public record Shift(
      String op,
      String key,
      Integer keyVersion,
      ColumnPath by,
      int minDays,
      int maxDays,
      ShiftOperation.Unit unit,
      String onInvalid)
      implements OperationSettings {
    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", op);
      r.put("key", key);
      r.put("key_version", keyVersion);
      r.put("by", by.toString());
      r.put("min-days", minDays);
      r.put("max-days", maxDays);
      r.put("unit", unit.name().toLowerCase(Locale.ROOT));
      if (onInvalid != null) {
        r.put("on-invalid", onInvalid);
      }
      return r;
    }

    @Override
    public String inWords() {
      return (op.equals("shift") ? "shift" : "undo a shift")
          + " by a keyed offset per "
          + by
          + ", key "
          + key
          + (keyVersion == null ? "" : " v" + keyVersion)
          + ", "
          + minDays
          + " to "
          + maxDays
          + " days either way"
          + (unit == ShiftOperation.Unit.SECONDS ? ", in seconds" : "");
    }
  }

  @Override
  public String name() {
    return undo ? "unshift" : "shift";
  }

  @Override
  public String summary() {
    return undo
        ? "the dates a `shift` with the same key, `by` and range moved, moved back; same type"
        : "the date or timestamp moved by a keyed offset per `by` value (never 0), so each"
            + " person's intervals survive; same type";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("key", "", "a key of at least " + Pseudonymizer.MIN_KEY_SIZE + " bytes"),
        new Parameter(
            "by", "", "the column or struct field identifying the person (its input value)"),
        new Parameter("max-days", "", "the largest offset either way, 1 to 36500"),
        new Parameter(
            "min-days", "", "the smallest offset either way (default 1), at most max-days"),
        new Parameter("unit", "", "`days` (default) or `seconds` (timestamps only)"),
        new Parameter(
            "on-invalid", "", "`fail` or `null`: a date whose `by` is null (the table's default)"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    String key = p.key("key");
    Integer max = p.wholeNumber("max-days", 1, DateShift.MAX_DAYS);
    Integer min = p.wholeNumber("min-days", 1, DateShift.MAX_DAYS);
    String unit = p.choice("unit", UNITS, true);
    String onInvalid =
        p.has("on-invalid") && p.isNull("on-invalid")
            ? "null"
            : p.choice("on-invalid", ON_INVALID, false);
    ColumnPath byPath = readBy(p);
    if (key == null || byPath == null || max == null || min == null || unit == null) {
      return null;
    }
    if (min > max) {
      p.problem(
          "min-days",
          "Invalid 'min-days' in "
              + p.context()
              + ": it is above max-days ("
              + min
              + " > "
              + max
              + ").");
      return null;
    }
    return new Shift(
        name(),
        key,
        null,
        byPath,
        min,
        max,
        ShiftOperation.Unit.valueOf(unit.toUpperCase(Locale.ROOT)),
        onInvalid);
  }

  @Override
  public KeyNeed keyNeed(OperationSettings settings) {
    return new KeyNeed(
        ((Shift) settings).key(),
        "shift",
        Pseudonymizer.MIN_KEY_SIZE,
        Integer.MAX_VALUE,
        "date shifts");
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    Shift s = (Shift) settings;
    if (b.schema() != null) {
      checkBy(s.by(), b);
    }
    Keyset key = ReplaceDefinition.macKey(b, s.key(), "shift", "date shifts");
    int version = undo ? shiftedUnder(s, key, b.schema(), b.path()) : key.primaryVersion();
    if (undo) {
      b.keys().reading(s.key(), version, b.place());
    }
    long unit = s.unit() == ShiftOperation.Unit.SECONDS ? SECONDS_PER_DAY : 1;
    DateShift shift = new DateShift(key.version(version), s.minDays() * unit, s.maxDays() * unit);
    boolean toNull = s.onInvalid() != null ? s.onInvalid().equals("null") : b.invalidToNull();
    OnInvalid onInvalid =
        new OnInvalid(
            toNull ? OnInvalid.Remedy.NULL : OnInvalid.Remedy.FAIL,
            b.label(),
            " (set on-invalid = null to write null instead)");
    ShiftOffsets offsets = new ShiftOffsets(shift, undo, s.by().toString());
    Shift bound =
        new Shift(
            s.op(), s.key(), version, s.by(), s.minDays(), s.maxDays(), s.unit(), s.onInvalid());
    return ColumnAction.transform(
        bound, new ShiftOperation(name(), offsets, s.unit(), byColumn(s.by(), b), onInvalid));
  }

  /**
   * The {@code by} parameter: a path to one value per row; null when absent or invalid (reported).
   */
  static ColumnPath readBy(ParameterSource p) {
    String by = p.text("by", true);
    if (by == null) {
      return null;
    }
    ColumnPath path;
    try {
      path = ColumnPath.parse(by);
    } catch (IllegalArgumentException e) {
      p.problem("by", "Invalid 'by' in " + p.context() + ": " + e.getMessage());
      return null;
    }
    if (PathValues.isMulti(path)) {
      p.problem(
          "by",
          "Invalid 'by' in "
              + p.context()
              + ": it must name one value per row, not values in an array or map.");
      return null;
    }
    return path;
  }

  /**
   * The {@code by} values: from the input itself, since the output may have a column of the same
   * name (a pseudonymized identifier) that a name alone could resolve to inside a lambda.
   */
  static org.apache.spark.sql.Column byColumn(ColumnPath by, Binding b) {
    return b.input() == null
        ? PathValues.at(by)
        : PathValues.of(b.input().apply(ColumnRewriter.quoteForColumn(by.column())), by);
  }

  /** {@code by} names one atomic value per row of the input. */
  static void checkBy(ColumnPath by, Binding b) {
    DataType type;
    try {
      type = PathValues.typeOf(b.schema(), by);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid 'by' in " + b.label() + ": no column " + by + " in the input");
    }
    if (!SparkTypes.isAtomic(type)) {
      throw new IllegalArgumentException(
          "Invalid 'by' in "
              + b.label()
              + ": "
              + by
              + " is a "
              + type.typeName()
              + "; it must be a single value (a string, number or date)");
    }
  }

  /**
   * The key version a column was shifted under: its metadata's record of the shift, when it names
   * the same key; else the key's primary version.
   */
  private static int shiftedUnder(Shift s, Keyset key, StructType schema, ColumnPath path) {
    Map<String, Object> shifted = EncryptionRecord.lastOf(schema, path, "shift");
    if (shifted != null && s.key().equals(shifted.get("key"))) {
      Integer v = Records.whole(shifted, "key_version");
      if (v != null && key.versions().containsKey(v)) {
        return v;
      }
    }
    return key.primaryVersion();
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    String key = Records.text(r, "key");
    String by = Records.text(r, "by");
    Integer min = Records.whole(r, "min-days");
    Integer max = Records.whole(r, "max-days");
    String unit = Records.text(r, "unit");
    if (key == null || by == null || min == null || max == null || unit == null) {
      return null;
    }
    return new Shift(
        name(),
        key,
        Records.whole(r, "key_version"),
        ColumnPath.parse(by),
        min,
        max,
        ShiftOperation.Unit.valueOf(unit.toUpperCase(Locale.ROOT)),
        Records.text(r, "on-invalid"));
  }
}
