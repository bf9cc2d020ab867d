package io.veil.spark.op;

import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.Bands;
import io.veil.ops.Hierarchy;
import io.veil.spark.ColumnAction;
import io.veil.spark.GeneralizeOperation;
import io.veil.spark.OnInvalid;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code op = generalize}: a value replaced by a coarser one from a hierarchy: numeric bands, bands
 * of age at a reference date, a string prefix, or a level of an ARX hierarchy file.
 */
public final class GeneralizeDefinition implements OperationDefinition {
  private static final BigDecimal LARGEST = BigDecimal.TEN.pow(18);
  private static final String LIMITS = "at most 1e18, at most 18 decimal places";
  private static final List<String> ON_INVALID = List.of("fail", "null");

  /** Numbers (or, with a reference date, ages in years) into bands. */
  public record Banded(
      List<BigDecimal> bands, boolean labels, LocalDate referenceDate, String onInvalid)
      implements OperationSettings {
    public Banded {
      bands = List.copyOf(bands);
    }

    @Override
    public String op() {
      return "generalize";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "generalize");
      r.put(
          "bands", bands.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",")));
      r.put("labels", labels);
      if (referenceDate != null) {
        r.put("reference-date", referenceDate.toString());
      }
      if (onInvalid != null) {
        r.put("on-invalid", onInvalid);
      }
      return r;
    }

    @Override
    public String inWords() {
      return (referenceDate == null ? "bands " : "bands of age at " + referenceDate + ": ")
          + bands.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "))
          + (labels ? ", written as labels" : ", written as lower bounds");
    }
  }

  /** Strings to a prefix, padded with {@code *}. */
  public record Prefix(int keepFirst) implements OperationSettings {
    @Override
    public String op() {
      return "generalize";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "generalize");
      r.put("keep-first", keepFirst);
      return r;
    }

    @Override
    public String inWords() {
      return "generalize to the first " + keepFirst + " characters, the rest as *";
    }
  }

  /**
   * A level of a hierarchy file.
   *
   * @param hierarchy the file's contents, read with the config (null when read from a record)
   */
  public record FromFile(
      String file, String separator, int level, String onInvalid, Hierarchy hierarchy)
      implements OperationSettings {
    @Override
    public String op() {
      return "generalize";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "generalize");
      r.put("hierarchy", file);
      r.put("separator", separator);
      r.put("level", level);
      if (onInvalid != null) {
        r.put("on-invalid", onInvalid);
      }
      return r;
    }

    @Override
    public String inWords() {
      return "generalize to level " + level + " of hierarchy " + file;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FromFile f
          && f.file.equals(file)
          && f.separator.equals(separator)
          && f.level == level
          && java.util.Objects.equals(f.onInvalid, onInvalid);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(file, separator, level, onInvalid);
    }
  }

  @Override
  public String name() {
    return "generalize";
  }

  @Override
  public String summary() {
    return "a coarser value: the band of a number or of an age, a prefix padded with `*`, or a level"
        + " of a hierarchy file";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("bands", "numbers, dates", "increasing bounds: `[0, 18, 25, 35, 50, 65]`"),
        new Parameter(
            "labels",
            "numbers, dates",
            "`true` (default): `\"25-34\"`, `\"65+\"`; `false`: the lower bound"),
        new Parameter(
            "reference-date", "dates, timestamps", "bands of age in whole years at this date"),
        new Parameter("keep-first", "strings", "code points kept; the rest become `*`"),
        new Parameter("hierarchy", "any", "an ARX hierarchy file: value;level 1;level 2..."),
        new Parameter("level", "any", "the hierarchy file's column, 1 to its height"),
        new Parameter("separator", "any", "the hierarchy file's separator (default `;`)"),
        new Parameter(
            "on-invalid",
            "bands, hierarchy",
            "`fail` or `null`: a value below the first band or"
                + " not in the file (default: the table's)"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    boolean bands = p.isSet("bands");
    boolean prefix = p.isSet("keep-first");
    boolean file = p.isSet("hierarchy");
    if ((bands ? 1 : 0) + (prefix ? 1 : 0) + (file ? 1 : 0) != 1) {
      p.problem(
          "Invalid generalize in "
              + p.context()
              + ": give exactly one of bands (numbers, dates), keep-first (strings) or hierarchy"
              + " (a file).");
      return null;
    }
    String onInvalid =
        p.has("on-invalid") && p.isNull("on-invalid")
            ? "null"
            : p.choice("on-invalid", ON_INVALID, false);
    if (prefix) {
      Integer keep = p.wholeNumber("keep-first", 0, MaskDefinition.MAX_KEEP);
      return keep == null ? null : new Prefix(keep);
    }
    if (bands) {
      List<BigDecimal> bounds = p.decimals("bands", LARGEST, 18, LIMITS);
      Boolean labels = p.flag("labels");
      LocalDate reference = null;
      if (p.isSet("reference-date")) {
        String text = p.text("reference-date", true);
        try {
          reference = text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
          p.problem(
              "reference-date",
              "Invalid 'reference-date' in " + p.context() + ": expected yyyy-mm-dd.");
          return null;
        }
        if (reference == null) {
          return null;
        }
      }
      if (bounds == null || labels == null) {
        return null;
      }
      try {
        new Bands(bounds);
      } catch (IllegalArgumentException e) {
        p.problem("bands", "Invalid 'bands' in " + p.context() + ": " + e.getMessage() + ".");
        return null;
      }
      return new Banded(bounds, labels, reference, onInvalid);
    }
    String path = p.text("hierarchy", true);
    String separator = p.text("separator", true);
    Integer level = p.wholeNumber("level", 1, 1000);
    if (path == null || separator == null || level == null) {
      return null;
    }
    Hierarchy h;
    try {
      h = Hierarchy.parse(Files.readAllLines(Paths.get(path), StandardCharsets.UTF_8), separator);
    } catch (IOException | RuntimeException e) {
      String why =
          e instanceof IOException
              ? "cannot read it (" + e.getClass().getSimpleName() + ")"
              : e.getMessage();
      p.problem(
          "hierarchy", "Invalid hierarchy file " + path + " in " + p.context() + ": " + why + ".");
      return null;
    }
    if (level > h.height()) {
      p.problem(
          "level",
          "Invalid 'level' in "
              + p.context()
              + ": the hierarchy has levels 1 to "
              + h.height()
              + ", not "
              + level
              + ".");
      return null;
    }
    return new FromFile(path, separator, level, onInvalid, h);
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    if (settings instanceof Prefix s) {
      return ColumnAction.transform(s, GeneralizeOperation.prefix(s.keepFirst()));
    }
    String own = settings instanceof Banded s ? s.onInvalid() : ((FromFile) settings).onInvalid();
    boolean toNull = own != null ? own.equals("null") : b.invalidToNull();
    OnInvalid onInvalid =
        new OnInvalid(
            toNull ? OnInvalid.Remedy.NULL : OnInvalid.Remedy.FAIL,
            b.label(),
            " (set on-invalid = null to write null instead)");
    if (settings instanceof Banded s) {
      Bands bands = new Bands(s.bands());
      return ColumnAction.transform(
          s,
          s.referenceDate() == null
              ? GeneralizeOperation.bands(bands, s.labels(), onInvalid)
              : GeneralizeOperation.ageBands(bands, s.referenceDate(), s.labels(), onInvalid));
    }
    FromFile s = (FromFile) settings;
    if (s.hierarchy() == null) {
      throw new IllegalArgumentException(
          "Cannot apply hierarchy " + s.file() + " to " + b.label() + ": it was not read");
    }
    return ColumnAction.transform(
        s, GeneralizeOperation.hierarchy(s.hierarchy(), s.level(), onInvalid));
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    Integer keep = Records.whole(r, "keep-first");
    if (keep != null) {
      return new Prefix(keep);
    }
    String bands = Records.text(r, "bands");
    if (bands != null) {
      Object labels = r.get("labels");
      String reference = Records.text(r, "reference-date");
      return new Banded(
          java.util.Arrays.stream(bands.split(",")).map(BigDecimal::new).toList(),
          !(labels instanceof Boolean l) || l,
          reference == null ? null : LocalDate.parse(reference),
          Records.text(r, "on-invalid"));
    }
    String file = Records.text(r, "hierarchy");
    Integer level = Records.whole(r, "level");
    String separator = Records.text(r, "separator");
    return file == null || level == null
        ? null
        : new FromFile(
            file, separator == null ? ";" : separator, level, Records.text(r, "on-invalid"), null);
  }
}
