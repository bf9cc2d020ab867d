package io.veil.spark.op;

import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.spark.ColumnAction;
import io.veil.spark.OnInvalid;
import io.veil.spark.TruncateOperation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code op = truncate}: strings to their ends, dates and timestamps to a unit, numbers to a width.
 */
public final class TruncateDefinition implements OperationDefinition {
  /**
   * Widths Spark floors to exactly on every numeric type: an integer column takes the width as a
   * long, and a decimal literal holds 38 digits, so 18 either side of the point leave room for the
   * column's own. Beyond them a run failed in Spark (exit 1) rather than in the config.
   */
  static final BigDecimal MAX_WIDTH = BigDecimal.TEN.pow(18);

  static final int MAX_WIDTH_SCALE = 18;
  private static final List<String> UNITS = List.of("year", "month", "day", "hour");

  /** What a string no longer than what is kept gets; mask (masked whole) by default. */
  private static final List<String> ON_INVALID = List.of("mask", "fail", "null");

  /** Strings: the first and last code points; a value no longer than that goes to on-invalid. */
  public record Ends(int keepFirst, int keepLast, OnInvalid.Remedy onInvalid)
      implements OperationSettings {
    @Override
    public String op() {
      return "truncate";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "truncate");
      r.put("keep-first", keepFirst);
      r.put("keep-last", keepLast);
      r.put("on-invalid", onInvalid.configName());
      return r;
    }

    @Override
    public String inWords() {
      return "truncate to the first "
          + keepFirst
          + " and last "
          + keepLast
          + " characters (shorter values: "
          + onInvalid.configName()
          + ")";
    }
  }

  /** Dates and timestamps: the start of the unit. */
  public record ToUnit(TruncateOperation.Unit unit) implements OperationSettings {
    @Override
    public String op() {
      return "truncate";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "truncate");
      r.put("unit", unit.configName());
      return r;
    }

    @Override
    public String inWords() {
      return "truncate to the " + unit.configName();
    }
  }

  /** Numbers: floored to a multiple of the width. */
  public record ToWidth(BigDecimal width) implements OperationSettings {
    @Override
    public String op() {
      return "truncate";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "truncate");
      r.put("width", width.toPlainString());
      return r;
    }

    @Override
    public String inWords() {
      return "truncate down to a multiple of " + width.toPlainString();
    }
  }

  @Override
  public String name() {
    return "truncate";
  }

  @Override
  public String summary() {
    return "the first/last code points; the start of the unit; the value floored to a multiple of `width`; same"
        + " type";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("keep-first", "strings", "code points kept at the start"),
        new Parameter("keep-last", "strings", "code points kept at the end"),
        new Parameter(
            "on-invalid",
            "strings",
            "`mask` (default), `null` or `fail`: a value no longer than what" + " is kept"),
        new Parameter("unit", "dates, timestamps", "`year`, `month`, `day` or `hour`"),
        new Parameter("width", "numbers", "above 0, at most `1e18`, at most 18 decimal places"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    boolean keep = p.isSet("keep-first") || p.isSet("keep-last");
    boolean unit = p.isSet("unit");
    boolean width = p.isSet("width");
    if ((keep ? 1 : 0) + (unit ? 1 : 0) + (width ? 1 : 0) != 1) {
      p.problem(
          "Invalid truncate in "
              + p.context()
              + ": give exactly one of keep-first/keep-last (strings), unit (dates, timestamps) or width (numbers).");
      return null;
    }
    if (keep) {
      Integer first = p.wholeNumber("keep-first", 0, MaskDefinition.MAX_KEEP);
      Integer last = p.wholeNumber("keep-last", 0, MaskDefinition.MAX_KEEP);
      String onInvalid =
          p.has("on-invalid") && p.isNull("on-invalid")
              ? "null"
              : p.choice("on-invalid", ON_INVALID, true);
      if (first == null || last == null || onInvalid == null) {
        return null;
      }
      if (first + last == 0) {
        p.problem(
            "Invalid truncate in " + p.context() + ": keep-first or keep-last must be above 0.");
        return null;
      }
      return new Ends(first, last, OnInvalid.Remedy.fromConfigName(onInvalid));
    }
    if (p.isSet("on-invalid")) {
      p.problem(
          "on-invalid",
          "Invalid 'on-invalid' in "
              + p.context()
              + ": only string truncation (keep-first, keep-last) takes on-invalid.");
      return null;
    }
    if (unit) {
      String u = p.choice("unit", UNITS, true);
      return u == null
          ? null
          : new ToUnit(TruncateOperation.Unit.valueOf(u.toUpperCase(Locale.ROOT)));
    }
    BigDecimal w =
        p.decimal(
            "width",
            MAX_WIDTH,
            MAX_WIDTH_SCALE,
            "a width is at most 1e18 and has at most 18 decimal" + " places");
    if (w != null && w.signum() <= 0) {
      p.problem("width", "Invalid 'width' in " + p.context() + ": must be above 0.");
      return null;
    }
    return w == null ? null : new ToWidth(w);
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    if (settings instanceof ToUnit s) {
      return ColumnAction.transform(settings, TruncateOperation.toUnit(s.unit()));
    }
    if (settings instanceof ToWidth s) {
      return ColumnAction.transform(settings, TruncateOperation.toWidth(s.width()));
    }
    Ends s = (Ends) settings;
    OnInvalid onInvalid =
        new OnInvalid(
            s.onInvalid(),
            b.label(),
            " (set on-invalid = mask or null to write such values masked whole, or null, instead)");
    return ColumnAction.transform(
        settings, TruncateOperation.keep(s.keepFirst(), s.keepLast(), onInvalid));
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    if (r.containsKey("unit")) {
      return new ToUnit(
          TruncateOperation.Unit.valueOf(Records.text(r, "unit").toUpperCase(Locale.ROOT)));
    }
    if (r.containsKey("width")) {
      return new ToWidth(new BigDecimal(Records.text(r, "width")));
    }
    Integer first = Records.whole(r, "keep-first");
    Integer last = Records.whole(r, "keep-last");
    String onInvalid = Records.text(r, "on-invalid");
    return first == null || last == null
        ? null
        : new Ends(
            first, last, OnInvalid.Remedy.fromConfigName(onInvalid == null ? "mask" : onInvalid));
  }
}
