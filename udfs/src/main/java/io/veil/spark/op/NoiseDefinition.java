package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.KeyedNoise;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.NoiseOperation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code op = noise}: numbers plus keyed, reproducible noise, same type. */
public final class NoiseDefinition implements OperationDefinition {
  private static final List<String> DISTRIBUTIONS = List.of("laplace", "gaussian", "uniform");
  private static final BigDecimal LARGEST = BigDecimal.TEN.pow(18);
  private static final int MAX_SCALE = 18;
  private static final String LIMITS = "at most 1e18, at most 18 decimal places";

  /**
   * @param keyVersion the key's version (null before binding)
   * @param scale the distribution's scale, or null when {@code relative}
   * @param relative the scale as a share of each value, or null
   * @param by the row identity the noise also depends on, or null
   */
  public record Noise(
      String key,
      Integer keyVersion,
      KeyedNoise.Distribution distribution,
      BigDecimal scale,
      BigDecimal relative,
      ColumnPath by,
      BigDecimal min,
      BigDecimal max,
      BigDecimal roundTo)
      implements OperationSettings {
    @Override
    public String op() {
      return "noise";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "noise");
      r.put("key", key);
      r.put("key_version", keyVersion);
      r.put("distribution", distribution.configName());
      put(r, "scale", scale);
      put(r, "relative", relative);
      if (by != null) {
        r.put("by", by.toString());
      }
      put(r, "min", min);
      put(r, "max", max);
      put(r, "round-to", roundTo);
      return r;
    }

    private static void put(Map<String, Object> r, String name, BigDecimal v) {
      if (v != null) {
        r.put(name, v.toPlainString());
      }
    }

    @Override
    public String inWords() {
      return distribution.configName()
          + " noise of "
          + (scale != null
              ? "scale " + scale.toPlainString()
              : relative.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString()
                  + "% of each value")
          + ", key "
          + key
          + (keyVersion == null ? "" : " v" + keyVersion)
          + (by == null ? ", the same for equal values" : ", per " + by)
          + (roundTo == null ? "" : ", rounded to " + roundTo.toPlainString())
          + (min == null ? "" : ", at least " + min.toPlainString())
          + (max == null ? "" : ", at most " + max.toPlainString());
    }
  }

  @Override
  public String name() {
    return "noise";
  }

  @Override
  public String summary() {
    return "the number plus keyed noise, the same in every run for the same value (and `by`);"
        + " same type";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("key", "", "a key of at least " + Pseudonymizer.MIN_KEY_SIZE + " bytes"),
        new Parameter(
            "distribution", "", "`laplace` (default), `gaussian` or `uniform`: the noise's shape"),
        new Parameter("scale", "", "the distribution's scale (Gaussian: standard deviation)"),
        new Parameter("relative", "", "instead of scale: a share of each value (0.05: 5%)"),
        new Parameter(
            "by", "", "a column or struct field identifying the row or person (optional)"),
        new Parameter("min", "", "the smallest value written (optional)"),
        new Parameter("max", "", "the largest value written (optional)"),
        new Parameter("round-to", "", "a multiple the noisy value is rounded to (optional)"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    String key = p.key("key");
    String distribution = p.choice("distribution", DISTRIBUTIONS, true);
    boolean absolute = p.isSet("scale");
    if (absolute == p.isSet("relative")) {
      p.problem("Invalid noise in " + p.context() + ": give exactly one of scale and relative.");
      return null;
    }
    BigDecimal scale = absolute ? positive(p, "scale") : null;
    BigDecimal relative = absolute ? null : positive(p, "relative");
    BigDecimal min = p.isSet("min") ? p.decimal("min", LARGEST, MAX_SCALE, LIMITS) : null;
    BigDecimal max = p.isSet("max") ? p.decimal("max", LARGEST, MAX_SCALE, LIMITS) : null;
    BigDecimal roundTo = p.isSet("round-to") ? positive(p, "round-to") : null;
    ColumnPath by = p.isSet("by") ? ShiftDefinition.readBy(p) : null;
    if (key == null
        || distribution == null
        || (absolute ? scale == null : relative == null)
        || (p.isSet("min") && min == null)
        || (p.isSet("max") && max == null)
        || (p.isSet("round-to") && roundTo == null)
        || (p.isSet("by") && by == null)) {
      return null;
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      p.problem(
          "min",
          "Invalid 'min' in "
              + p.context()
              + ": it is above max ("
              + min.toPlainString()
              + " > "
              + max.toPlainString()
              + ").");
      return null;
    }
    return new Noise(
        key,
        null,
        KeyedNoise.Distribution.fromConfigName(distribution),
        scale,
        relative,
        by,
        min,
        max,
        roundTo);
  }

  private static BigDecimal positive(ParameterSource p, String name) {
    BigDecimal v = p.decimal(name, LARGEST, MAX_SCALE, LIMITS);
    if (v != null && v.signum() <= 0) {
      p.problem(name, "Invalid '" + name + "' in " + p.context() + ": must be above 0.");
      return null;
    }
    return v;
  }

  @Override
  public KeyNeed keyNeed(OperationSettings settings) {
    return new KeyNeed(
        ((Noise) settings).key(), "noise", Pseudonymizer.MIN_KEY_SIZE, Integer.MAX_VALUE, "noise");
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    Noise s = (Noise) settings;
    if (s.by() != null && b.schema() != null) {
      ShiftDefinition.checkBy(s.by(), b);
    }
    Keyset key = ReplaceDefinition.macKey(b, s.key(), "noise", "noise");
    Noise bound =
        new Noise(
            s.key(),
            key.primaryVersion(),
            s.distribution(),
            s.scale(),
            s.relative(),
            s.by(),
            s.min(),
            s.max(),
            s.roundTo());
    NoiseOperation.Shape shape =
        new NoiseOperation.Shape(
            new KeyedNoise(key.primary(), s.distribution()),
            s.scale(),
            s.relative(),
            s.roundTo(),
            s.min(),
            s.max());
    return ColumnAction.transform(
        bound,
        new NoiseOperation(shape, s.by() == null ? null : ShiftDefinition.byColumn(s.by(), b)));
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    String key = Records.text(r, "key");
    String distribution = Records.text(r, "distribution");
    if (key == null || distribution == null) {
      return null;
    }
    String by = Records.text(r, "by");
    return new Noise(
        key,
        Records.whole(r, "key_version"),
        KeyedNoise.Distribution.fromConfigName(distribution),
        decimal(r, "scale"),
        decimal(r, "relative"),
        by == null ? null : ColumnPath.parse(by),
        decimal(r, "min"),
        decimal(r, "max"),
        decimal(r, "round-to"));
  }

  private static BigDecimal decimal(Map<String, Object> r, String name) {
    String v = Records.text(r, name);
    return v == null ? null : new BigDecimal(v);
  }
}
