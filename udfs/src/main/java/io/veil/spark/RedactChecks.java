package io.veil.spark;

import io.veil.ops.TextRedactor;
import io.veil.scan.DecodedText;
import io.veil.scan.EmbeddedPiiFinder.Span;
import io.veil.scan.PiiType;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.array.ByteArrayMethods;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What the job asks of each note that redact rewrites, on Spark's bytes, called from generated code
 * through {@code Invoke} ({@link MethodCall}): for one note it is asked up to five times in a row
 * (redact it, did it hold spans, how many of each type, is any left in the output, the leak check's
 * values), and a Java UDF for each decoded the note again and converted its answer. Here one
 * decoding and one search serve them all: each thread keeps the last note it read, its text and its
 * spans, for every redact of the same types. Its {@code toString} is what plans show (never a key).
 */
public final class RedactChecks implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The last note each thread read. Static: each op's copy in a task's plan finds it. */
  private static final ThreadLocal<Note> LAST = new ThreadLocal<>();

  private final TextRedactor redactor;
  private final Set<PiiType> types;

  RedactChecks(TextRedactor redactor, Set<PiiType> types) {
    this.redactor = redactor;
    this.types = Set.copyOf(types);
  }

  /** The note held in {@code value}: its text and the spans of the selected types in it. */
  Note note(UTF8String value) {
    Note n = LAST.get();
    if (n != null && n.is(value, types)) {
      return n;
    }
    // The key is a copy: Spark may reuse the memory a value points into for the next row (and
    // getBytes() gives the value's own array when the value fills it).
    byte[] key = new byte[value.numBytes()];
    Platform.copyMemory(
        value.getBaseObject(), value.getBaseOffset(), key, Platform.BYTE_ARRAY_OFFSET, key.length);
    DecodedText decoded = DecodedText.decode(key, 0, key.length);
    if (decoded != null) {
      n = new Note(key, types, decoded.text, redactor.spans(decoded));
    } else {
      String text = value.toString(); // not valid UTF-8: Java's replacement chars, as before
      n = new Note(key, types, text, redactor.spans(text));
    }
    LAST.set(n);
    return n;
  }

  /** The note holds a span of the selected types. */
  public boolean found(UTF8String value) {
    return !note(value).spans.isEmpty();
  }

  /** Spans per type, by {@link PiiType#ordinal()}. */
  public ArrayData counts(UTF8String value) {
    long[] n = new long[PiiType.values().length];
    for (Span s : note(value).spans) {
      n[s.type().ordinal()]++;
    }
    return UnsafeArrayData.fromPrimitiveArray(n);
  }

  /** How many of the spans of {@code in} appear, as written, in {@code out}: 0 when redacted. */
  public long left(UTF8String in, UTF8String out) {
    Note n = note(in);
    if (n.spans.isEmpty()) {
      return 0;
    }
    // Searched as UTF-8 in the output's bytes, not decoded: what redact writes is valid UTF-8, in
    // which one text's bytes sit inside another's only where its chars do.
    long left = 0;
    for (Span s : n.spans) {
      if (out.contains(UTF8String.fromString(n.text.substring(s.start(), s.end())))) {
        left++;
      }
    }
    return left;
  }

  /** The text of each span. */
  public ArrayData spanTexts(UTF8String value) {
    Note n = note(value);
    Object[] texts = new Object[n.spans.size()];
    for (int i = 0; i < texts.length; i++) {
      Span s = n.spans.get(i);
      texts[i] = UTF8String.fromString(n.text.substring(s.start(), s.end()));
    }
    return new GenericArrayData(texts);
  }

  @Override
  public String toString() {
    return "veil_redact_checks(" + types + ")";
  }

  /** A note as the finder saw it. */
  static final class Note {
    private final byte[] bytes;
    private final Set<PiiType> types;
    final String text;
    final List<Span> spans;

    Note(byte[] bytes, Set<PiiType> types, String text, List<Span> spans) {
      this.bytes = bytes;
      this.types = types;
      this.text = text;
      this.spans = spans;
    }

    boolean is(UTF8String value, Set<PiiType> of) {
      return value.numBytes() == bytes.length
          && (types == of || types.equals(of))
          && ByteArrayMethods.arrayEquals(
              value.getBaseObject(),
              value.getBaseOffset(),
              bytes,
              Platform.BYTE_ARRAY_OFFSET,
              bytes.length);
    }
  }
}
