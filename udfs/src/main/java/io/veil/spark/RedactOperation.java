package io.veil.spark;

import io.veil.ops.TextRedactor;
import io.veil.scan.PiiType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * Redacts personal data inside free text ({@link TextRedactor}): a Java function per value, the
 * text around each span left byte for byte. It promises that no redacted span's text is left in the
 * output, which verification checks row by row, and reports the spans it found per type.
 */
public final class RedactOperation implements ColumnOperation {
  private final TextRedactor redactor;
  private final Set<PiiType> types;

  public RedactOperation(TextRedactor redactor, Set<PiiType> types) {
    this.redactor = redactor;
    this.types = Set.copyOf(types);
  }

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public String rejectType(DataType type) {
    return type instanceof StringType ? null : "redact takes strings";
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    TextRedactor r = redactor;
    UDF1<String, String> f = r::redact;
    return functions.udf(f, DataTypes.StringType).withName("veil_redact").apply(input);
  }

  @Override
  public boolean promisesChange() {
    return true;
  }

  /** The spans, not the notes: notes equal to other notes say nothing. */
  @Override
  public boolean leakChecked() {
    return true;
  }

  /**
   * The text of each span found: in the input, what was redacted; in the output, what the finder
   * still sees there (nothing, for types and masks; the fakes, for fakes), so that any redacted
   * value written anywhere in the output column counts as a leak.
   */
  @Override
  public Column leakValues(Column value) {
    TextRedactor r = redactor;
    UDF1<String, java.util.List<String>> f =
        v -> {
          if (v == null) {
            return java.util.List.of();
          }
          return r.spans(v).stream().map(s -> v.substring(s.start(), s.end())).toList();
        };
    return functions
        .udf(f, DataTypes.createArrayType(DataTypes.StringType, false))
        .withName("veil_redact_spans")
        .apply(value);
  }

  /** Texts holding a span of the redacted types. */
  @Override
  public Column mustChange(Column input, DataType type) {
    TextRedactor r = redactor;
    UDF1<String, Boolean> f = v -> v != null && !r.spans(v).isEmpty();
    return functions.udf(f, DataTypes.BooleanType).withName("veil_redact_found").apply(input);
  }

  /** Some redacted span's text is still in the output. */
  @Override
  public Column keptWhatItPromised(Column input, Column output, DataType type) {
    TextRedactor r = redactor;
    UDF2<String, String, Long> f = r::leftIn;
    return functions
        .udf(f, DataTypes.LongType)
        .withName("veil_redact_left")
        .apply(input, output)
        .gt(0);
  }

  /** Spans found per type: {@code spans_email}, {@code spans_phone}... */
  @Override
  public Map<String, Column> metrics(Column input, Column output, DataType type) {
    TextRedactor r = redactor;
    UDF1<String, java.util.List<Long>> f =
        v -> java.util.Arrays.stream(r.counts(v)).boxed().toList();
    Column counts =
        functions
            .udf(f, DataTypes.createArrayType(DataTypes.LongType, false))
            .withName("veil_redact_counts")
            .apply(input);
    Map<String, Column> m = new LinkedHashMap<>();
    for (PiiType t : PiiType.values()) {
      if (types.contains(t)) {
        m.put(
            "spans_" + t.label().replace('-', '_'),
            functions.sum(
                functions.coalesce(
                    functions.element_at(counts, t.ordinal() + 1), functions.lit(0L))));
      }
    }
    return m;
  }
}
