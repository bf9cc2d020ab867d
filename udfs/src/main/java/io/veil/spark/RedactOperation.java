package io.veil.spark;

import io.veil.ops.TextRedactor;
import io.veil.scan.EmbeddedPiiFinder.Span;
import io.veil.scan.PiiType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Redacts personal data inside free text ({@link TextRedactor}) on Spark's bytes ({@link
 * RedactFunction}), the text around each span left byte for byte. It promises that no redacted
 * span's text is left in the output, which verification checks row by row, and reports the spans it
 * found per type.
 */
public final class RedactOperation implements ColumnOperation {
  private static final DataType SPAN_TEXTS = DataTypes.createArrayType(DataTypes.StringType, false);
  private final TextRedactor redactor;
  private final Set<PiiType> types;
  private final RedactChecks checks;

  public RedactOperation(TextRedactor redactor, Set<PiiType> types) {
    this.redactor = redactor;
    this.types = Set.copyOf(types);
    this.checks = new RedactChecks(redactor, types);
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
    return Utf8Function.call(new RedactFunction(redactor, checks), input);
  }

  /**
   * {@link TextRedactor#redact} on Spark's bytes. The finder reads chars, so each text is still
   * decoded once ({@link io.veil.scan.DecodedText}, which finds the finder's marks as it goes); but
   * a text with nothing to redact (most notes) is returned as the bytes it came in, and one with
   * spans is written from its own bytes around the replacements: no Java string encoded back into
   * UTF-8, which for notes of a few kilobytes, Chinese ones most, cost a fifth of the finder's
   * time. Bytes that are not valid UTF-8 go through the Java string, as the Java version sees them.
   */
  static final class RedactFunction implements Utf8Function {
    private static final long serialVersionUID = 1L;
    private final TextRedactor redactor;
    private final RedactChecks checks;

    RedactFunction(TextRedactor redactor, RedactChecks checks) {
      this.redactor = redactor;
      this.checks = checks;
    }

    @Override
    public UTF8String apply(UTF8String value) {
      RedactChecks.Note note = checks.note(value);
      String text = note.text;
      // Java decodes each malformed sequence to U+FFFD: a text without one came from valid UTF-8,
      // and Spark's own check of every byte (a tenth of the job's time) is left for the others.
      if (text.indexOf('\uFFFD') >= 0 && !value.isValid()) {
        return UTF8String.fromString(redactor.redact(text));
      }
      List<Span> spans = note.spans;
      if (spans.isEmpty()) {
        return value;
      }
      byte[] base = Utf8Function.base(value);
      int offset = Utf8Function.offset(value);
      ByteArrayOutputStream out = new ByteArrayOutputStream(value.numBytes() + 16 * spans.size());
      int chars = 0; // the text written so far, in chars and in bytes
      int bytes = 0;
      for (Span s : spans) {
        int start = bytes + utf8Length(text, chars, s.start());
        out.write(base, offset + bytes, start - bytes);
        out.writeBytes(redactor.replacement(text, s).getBytes(StandardCharsets.UTF_8));
        bytes = start + utf8Length(text, s.start(), s.end());
        chars = s.end();
      }
      out.write(base, offset + bytes, value.numBytes() - bytes);
      return UTF8String.fromBytes(out.toByteArray());
    }

    /** UTF-8 bytes of chars {@code [from, to)} of a text decoded from valid UTF-8. */
    private static int utf8Length(String text, int from, int to) {
      int n = 0;
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        // A surrogate is half of a 4-byte character.
        n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      }
      return n;
    }

    @Override
    public String toString() {
      return "veil_redact";
    }
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
    return functions.coalesce(
        MethodCall.of(checks, RedactChecks.class, "spanTexts", SPAN_TEXTS, true, value),
        functions.array().cast(SPAN_TEXTS));
  }

  /** Texts holding a span of the redacted types. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return functions.coalesce(
        MethodCall.of(checks, RedactChecks.class, "found", DataTypes.BooleanType, true, input),
        functions.lit(false));
  }

  /** Some redacted span's text is still in the output. */
  @Override
  public Column keptWhatItPromised(Column input, Column output, DataType type) {
    return functions
        .coalesce(
            MethodCall.of(
                checks, RedactChecks.class, "left", DataTypes.LongType, true, input, output),
            functions.lit(0L))
        .gt(0);
  }

  /** Spans found per type: {@code spans_email}, {@code spans_phone}... */
  @Override
  public Map<String, Column> metrics(Column input, Column output, DataType type) {
    Column counts =
        MethodCall.of(
            checks,
            RedactChecks.class,
            "counts",
            DataTypes.createArrayType(DataTypes.LongType, false),
            true,
            input);
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
