package io.veil.ops;

import io.veil.scan.ChineseIdNumberDetector;
import io.veil.scan.DecodedText;
import io.veil.scan.EmbeddedPiiFinder;
import io.veil.scan.EmbeddedPiiFinder.Span;
import io.veil.scan.PiiType;
import java.io.Serializable;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redacts personal data written inside free text: the spans {@link EmbeddedPiiFinder} finds with
 * the scanner's validators (check digits, ranges, country lengths: not patterns alone) are each
 * replaced, and every other character of the text stays as it was. A span becomes its type ({@code
 * [EMAIL]}), its type's mask ({@code z****@example.com}, as the mask presets do), or its type and
 * the pseudonym a column-level {@code replace, with = pseudonym} gives the same text under the same
 * key ({@code [EMAIL:3f9c2a...]}), so redacted notes still link to the anonymized column, or a
 * keyed fake of the same type ({@link EmbeddedFakes}).
 */
public final class TextRedactor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The types redact looks for: those {@link EmbeddedPiiFinder} finds inside text. */
  public static final Set<PiiType> TYPES =
      EnumSet.of(
          PiiType.EMAIL,
          PiiType.PHONE,
          PiiType.ID_CARD,
          PiiType.BANK_CARD,
          PiiType.US_SSN,
          PiiType.UK_NINO,
          PiiType.IBAN,
          PiiType.IP_ADDRESS,
          PiiType.MAC_ADDRESS,
          PiiType.GEO_COORDINATES,
          PiiType.POSTAL_ADDRESS);

  /** What a span becomes. */
  public enum Style {
    TYPE,
    MASK,
    PSEUDONYM,
    FAKE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Style fromConfigName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private final Style style;
  private final Set<PiiType> types;
  private final Pseudonymizer pseudonymizer;
  private final EmbeddedFakes fakes;
  // Built where the redactor is used (each executor): the finder holds no state worth shipping.
  private transient EmbeddedPiiFinder finder;

  /**
   * The last text each thread looked at and its spans. The job asks about one value several times
   * in a row (redact it, test the promise, count its spans), each time as a new string: comparing
   * it with the last one costs a fraction of finding its spans again.
   */
  private transient ThreadLocal<Object[]> last;

  /** Redaction by type or mask: no key. */
  public TextRedactor(Style style, Set<PiiType> types) {
    this(style, types, null, null);
  }

  /** Redaction to pseudonyms. */
  public TextRedactor(Set<PiiType> types, Pseudonymizer pseudonymizer) {
    this(Style.PSEUDONYM, types, pseudonymizer, null);
  }

  /** Redaction to keyed fakes. */
  public TextRedactor(Set<PiiType> types, EmbeddedFakes fakes) {
    this(Style.FAKE, types, null, fakes);
  }

  private TextRedactor(
      Style style, Set<PiiType> types, Pseudonymizer pseudonymizer, EmbeddedFakes fakes) {
    if (!TYPES.containsAll(types) || types.isEmpty()) {
      throw new IllegalArgumentException("redact takes types among " + TYPES);
    }
    if ((style == Style.PSEUDONYM) != (pseudonymizer != null)
        || (style == Style.FAKE) != (fakes != null)) {
      throw new IllegalArgumentException("with = pseudonym and fake take a key, and only they do");
    }
    this.style = style;
    this.types = EnumSet.copyOf(types);
    this.pseudonymizer = pseudonymizer;
    this.fakes = fakes;
  }

  private EmbeddedPiiFinder finder() {
    EmbeddedPiiFinder f = finder;
    if (f == null) {
      f = new EmbeddedPiiFinder(new ChineseIdNumberDetector(Clock.systemUTC()));
      finder = f;
    }
    return f;
  }

  /** The spans of the selected types in {@code text}, in order. */
  @SuppressWarnings("unchecked")
  public List<Span> spans(String text) {
    ThreadLocal<Object[]> cache = last;
    if (cache == null) {
      cache = ThreadLocal.withInitial(() -> new Object[2]);
      last = cache;
    }
    Object[] entry = cache.get();
    if (text != null && text.equals(entry[0])) {
      return (List<Span>) entry[1];
    }
    List<Span> spans = finder().spans(text).stream().filter(s -> types.contains(s.type())).toList();
    entry[0] = text;
    entry[1] = spans;
    return spans;
  }

  /**
   * The spans of the selected types in a text decoded from UTF-8 ({@link DecodedText}): what {@link
   * #spans(String)} gives for its text.
   */
  public List<Span> spans(DecodedText decoded) {
    return finder().spans(decoded).stream().filter(s -> types.contains(s.type())).toList();
  }

  /** {@code text} with each span replaced; null stays null. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    List<Span> spans = spans(text);
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
    int at = 0;
    for (Span s : spans) {
      out.append(text, at, s.start())
          .append(replacement(text.substring(s.start(), s.end()), s.type()));
      at = s.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /** What span {@code s} of {@code text} becomes: the text {@link #redact} writes in its place. */
  public String replacement(String text, Span s) {
    return replacement(text.substring(s.start(), s.end()), s.type());
  }

  private String replacement(String value, PiiType type) {
    String tag = type.name();
    return switch (style) {
      case TYPE -> "[" + tag + "]";
      case PSEUDONYM -> "[" + tag + ":" + pseudonymizer.pseudonym(value) + "]";
      case FAKE -> fakes.fake(value, type);
      case MASK -> mask(value, type);
    };
  }

  /**
   * The type's preset mask; IBANs keep their country and last 4, Social Security numbers their last
   * 4 (as US statements print them), MAC addresses their first three octets (the maker, no one's
   * device), IP addresses, National Insurance numbers, coordinates and postal addresses nothing.
   */
  private static String mask(String value, PiiType type) {
    return switch (type) {
      case EMAIL -> MaskPreset.EMAIL.mask(value, '*');
      case PHONE -> MaskPreset.PHONE.mask(value, '*');
      case ID_CARD -> MaskPreset.ID_CARD.mask(value, '*');
      case BANK_CARD -> MaskPreset.CARD.mask(value, '*');
      case IBAN -> Masker.positional(2, 4, '*').mask(value);
      case US_SSN -> Masker.positional(0, 4, '*').mask(value);
      case MAC_ADDRESS -> Masker.positional(8, 0, '*').mask(value);
      default -> "*".repeat(value.codePointCount(0, value.length()));
    };
  }

  /** How many spans of each selected type {@code text} holds, by {@link PiiType#ordinal()}. */
  public long[] counts(String text) {
    long[] n = new long[PiiType.values().length];
    if (text != null) {
      for (Span s : spans(text)) {
        n[s.type().ordinal()]++;
      }
    }
    return n;
  }

  /** How many of the spans of {@code in} appear, as written, in {@code out}: 0 when redacted. */
  public long leftIn(String in, String out) {
    if (in == null || out == null) {
      return 0;
    }
    long left = 0;
    for (Span s : spans(in)) {
      if (out.contains(in.substring(s.start(), s.end()))) {
        left++;
      }
    }
    return left;
  }

  @Override
  public String toString() {
    return "TextRedactor(" + style.configName() + ", " + types + ")"; // never the key
  }
}
