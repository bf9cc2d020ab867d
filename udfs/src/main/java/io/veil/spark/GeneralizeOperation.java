package io.veil.spark;

import io.veil.ops.Bands;
import io.veil.ops.Hierarchy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Generalizes values along a hierarchy: numbers into bands ({@code "25-34"}, or the band's lower
 * bound in the column's type), dates and timestamps into bands of age in whole years at a reference
 * date, strings to a prefix padded with {@code *} ({@code 100***}), and any value to a level of a
 * hierarchy file. Bands are Spark's own comparisons ({@code CASE WHEN}), exact on every numeric
 * type; prefixes and hierarchy files are Java functions.
 */
public final class GeneralizeOperation implements ColumnOperation {
  private enum Form {
    BANDS,
    AGE_BANDS,
    PREFIX,
    HIERARCHY
  }

  private final Form form;
  private final Bands bands;
  private final boolean labels;
  private final LocalDate reference;
  private final int keepFirst;
  private final Hierarchy hierarchy;
  private final int level;
  private final OnInvalid onInvalid;

  private GeneralizeOperation(
      Form form,
      Bands bands,
      boolean labels,
      LocalDate reference,
      int keepFirst,
      Hierarchy hierarchy,
      int level,
      OnInvalid onInvalid) {
    this.form = form;
    this.bands = bands;
    this.labels = labels;
    this.reference = reference;
    this.keepFirst = keepFirst;
    this.hierarchy = hierarchy;
    this.level = level;
    this.onInvalid = onInvalid;
  }

  /** Numbers into bands; a value below the first bound goes to {@code onInvalid}. */
  public static GeneralizeOperation bands(Bands bands, boolean labels, OnInvalid onInvalid) {
    return new GeneralizeOperation(Form.BANDS, bands, labels, null, 0, null, 0, onInvalid);
  }

  /** Dates and timestamps into bands of age in whole years at {@code reference}. */
  public static GeneralizeOperation ageBands(
      Bands bands, LocalDate reference, boolean labels, OnInvalid onInvalid) {
    return new GeneralizeOperation(Form.AGE_BANDS, bands, labels, reference, 0, null, 0, onInvalid);
  }

  /** Strings to their first {@code keepFirst} code points, each other one replaced by {@code *}. */
  public static GeneralizeOperation prefix(int keepFirst) {
    return new GeneralizeOperation(Form.PREFIX, null, true, null, keepFirst, null, 0, null);
  }

  /** Values to {@code level} of a hierarchy; a value it lacks goes to {@code onInvalid}. */
  public static GeneralizeOperation hierarchy(Hierarchy h, int level, OnInvalid onInvalid) {
    return new GeneralizeOperation(Form.HIERARCHY, null, true, null, 0, h, level, onInvalid);
  }

  @Override
  public String name() {
    return "generalize";
  }

  @Override
  public String rejectType(DataType type) {
    return switch (form) {
      case BANDS -> SparkTypes.isNumeric(type) ? null : "bands take numbers";
      case AGE_BANDS -> isTemporal(type) ? null : "reference-date takes dates and timestamps";
      case PREFIX -> type instanceof StringType ? null : "keep-first takes strings";
      case HIERARCHY -> SparkTypes.isAtomic(type) ? null : "a hierarchy takes single values";
    };
  }

  private static boolean isTemporal(DataType type) {
    return type instanceof DateType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType;
  }

  @Override
  public DataType resultType(DataType type) {
    return switch (form) {
      case BANDS -> labels ? DataTypes.StringType : type;
      case AGE_BANDS -> labels ? DataTypes.StringType : DataTypes.IntegerType;
      case PREFIX, HIERARCHY -> DataTypes.StringType;
    };
  }

  @Override
  public Column apply(Column input, DataType type) {
    switch (form) {
      case BANDS:
        return banded(input, type);
      case AGE_BANDS:
        Column age =
            functions.floor(
                functions
                    .months_between(functions.lit(java.sql.Date.valueOf(reference)), input)
                    .divide(12));
        return banded(age.cast(DataTypes.IntegerType), DataTypes.IntegerType);
      case PREFIX:
        int keep = keepFirst;
        UDF1<String, String> f = v -> v == null ? null : prefixOf(v, keep);
        return functions.udf(f, DataTypes.StringType).withName("veil_generalize").apply(input);
      default:
        Hierarchy h = hierarchy;
        int at = level;
        OnInvalid invalid = onInvalid;
        UDF1<String, String> g =
            v -> {
              if (v == null) {
                return null;
              }
              String out = h.generalize(v, at);
              return out != null ? out : invalid.reject("the hierarchy has no such value");
            };
        return functions
            .udf(g, DataTypes.StringType)
            .withName("veil_generalize")
            .apply(input.cast(DataTypes.StringType));
    }
  }

  /** {@code CASE WHEN v >= last THEN ... WHEN v >= first THEN ... END}, below first: invalid. */
  private Column banded(Column value, DataType type) {
    List<BigDecimal> bounds = bands.bounds();
    Column out = null;
    for (int i = bounds.size() - 1; i >= 0; i--) {
      BigDecimal lo = bounds.get(i);
      Column result = labels ? functions.lit(bands.label(lo)) : functions.lit(lo).cast(type);
      Column cond = value.geq(functions.lit(lo));
      out = out == null ? functions.when(cond, result) : out.when(cond, result);
    }
    Column below = value.lt(functions.lit(bounds.get(0)));
    return InvalidValueCheck.guard(
        below,
        out,
        onInvalid,
        "it is below the first band (" + bounds.get(0).toPlainString() + ")");
  }

  static String prefixOf(String v, int keepFirst) {
    int n = v.codePointCount(0, v.length());
    if (n <= keepFirst) {
      return v;
    }
    int end = v.offsetByCodePoints(0, keepFirst);
    return v.substring(0, end) + "*".repeat(n - keepFirst);
  }

  @Override
  public boolean promisesChange() {
    return false; // a value may already be its own generalization (a band's lower bound)
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException("generalize promises no change");
  }
}
