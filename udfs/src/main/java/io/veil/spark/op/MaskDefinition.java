package io.veil.spark.op;

import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.MaskPreset;
import io.veil.ops.Masker;
import io.veil.spark.CodePointTest;
import io.veil.spark.ColumnAction;
import io.veil.spark.StringOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code op = mask}: keep-first/keep-last (positional), a preset, or character classes. Every form
 * hides at least 4 of a value's letters and digits and a third of them, else the whole value
 * ({@link io.veil.ops.MinimumHiding}).
 */
public final class MaskDefinition implements OperationDefinition {
  static final int MAX_KEEP = 1_000_000;
  private static final List<String> CLASSES = List.of("upper", "lower", "digit", "other", "letter");

  /** {@code keep-first}/{@code keep-last} with one mask character. */
  public record Positional(int keepFirst, int keepLast, int maskChar) implements OperationSettings {
    @Override
    public String op() {
      return "mask";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "mask");
      r.put("char", Records.characterText(maskChar));
      r.put("keep-first", keepFirst);
      r.put("keep-last", keepLast);
      return r;
    }

    @Override
    public String inWords() {
      return "mask with "
          + Records.characterText(maskChar)
          + ", keeping the first "
          + keepFirst
          + " and last "
          + keepLast
          + " characters";
    }
  }

  /** {@code preset = email | phone | id-card | card}. */
  public record Preset(MaskPreset preset, int maskChar) implements OperationSettings {
    @Override
    public String op() {
      return "mask";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "mask");
      r.put("char", Records.characterText(maskChar));
      r.put("preset", preset.configName());
      return r;
    }

    @Override
    public String inWords() {
      return "mask preset " + preset.configName() + " with " + Records.characterText(maskChar);
    }
  }

  /**
   * Character classes, as Spark's {@code mask()}: null keeps a class, except {@code letter}, where
   * null counts uncased letters as {@code other}.
   */
  public record Classes(
      int keepFirst,
      int keepLast,
      Integer upper,
      Integer lower,
      Integer digit,
      Integer other,
      Integer letter)
      implements OperationSettings {
    @Override
    public String op() {
      return "mask";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "mask");
      r.put("keep-first", keepFirst);
      r.put("keep-last", keepLast);
      r.put("upper", Records.characterText(upper));
      r.put("lower", Records.characterText(lower));
      r.put("digit", Records.characterText(digit));
      r.put("other", Records.characterText(other));
      r.put("letter", Records.characterText(letter));
      return r;
    }

    @Override
    public String inWords() {
      return "mask by class: upper "
          + word(upper)
          + ", lower "
          + word(lower)
          + ", digit "
          + word(digit)
          + ", other "
          + word(other)
          + ", uncased letters "
          + (letter == null ? "as other" : Records.characterText(letter))
          + (keepFirst + keepLast == 0
              ? ""
              : ", keeping the first " + keepFirst + " and last " + keepLast);
    }

    private static String word(Integer c) {
      return c == null ? "kept" : Records.characterText(c);
    }

    Masker masker() {
      return Masker.byClass(
          keepFirst,
          keepLast,
          orKeep(upper),
          orKeep(lower),
          orKeep(digit),
          orKeep(other),
          letter == null ? Masker.AS_OTHER : letter);
    }

    private static int orKeep(Integer c) {
      return c == null ? Masker.KEEP : c;
    }
  }

  @Override
  public String name() {
    return "mask";
  }

  @Override
  public String summary() {
    return "every code point but the kept ends replaced; a preset's format; or each character class replaced by"
        + " its character";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("keep-first", "", "characters kept at the start (0 by default)"),
        new Parameter("keep-last", "", "characters kept at the end (0 by default)"),
        new Parameter("char", "positional, preset", "the mask character (`*`)"),
        new Parameter("preset", "preset", "`email`, `phone`, `id-card` or `card`"),
        new Parameter("upper", "classes", "upper-case letters' character (`X`; null keeps them)"),
        new Parameter("lower", "classes", "lower-case letters' character (`x`; null keeps them)"),
        new Parameter("digit", "classes", "digits' character (`n`; null keeps them)"),
        new Parameter("other", "classes", "other characters' character (null: kept)"),
        new Parameter(
            "letter", "classes", "uncased letters' character (`X`; null counts them as other)"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    boolean preset = p.isSet("preset");
    boolean classes = CLASSES.stream().anyMatch(p::isSet);
    if (preset && (classes || p.isSet("keep-first") || p.isSet("keep-last"))) {
      p.problem(
          "preset",
          "Invalid mask in "
              + p.context()
              + ": preset cannot be combined with keep-first, keep-last or character classes.");
      return null;
    }
    if (preset) {
      Integer c = p.character("char");
      String name = p.choice("preset", List.of(MaskPreset.acceptedNames().split(", ")), true);
      return c == null || name == null ? null : new Preset(MaskPreset.fromConfigName(name), c);
    }
    Integer first = p.wholeNumber("keep-first", 0, MAX_KEEP);
    Integer last = p.wholeNumber("keep-last", 0, MAX_KEEP);
    if (classes) {
      Integer[] chars = new Integer[CLASSES.size()];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = p.isNull(CLASSES.get(i)) ? null : p.character(CLASSES.get(i));
      }
      return first == null || last == null
          ? null
          : new Classes(first, last, chars[0], chars[1], chars[2], chars[3], chars[4]);
    }
    Integer c = p.character("char");
    return first == null || last == null || c == null ? null : new Positional(first, last, c);
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding binding) {
    if (settings instanceof Preset s) {
      // Presets hide letters and digits: a value holding one that is not the mask char changes.
      return ColumnAction.transform(
          settings,
          StringOperation.preset(
              "veil_mask_" + s.preset().name().toLowerCase(Locale.ROOT),
              s.preset(),
              s.maskChar(),
              input -> CodePointTest.holdsLetterOrDigitOtherThan(s.maskChar(), input)));
    }
    if (settings instanceof Classes s) {
      return ColumnAction.transform(settings, StringOperation.mask("veil_mask", s.masker(), null));
    }
    Positional s = (Positional) settings;
    return ColumnAction.transform(
        settings,
        StringOperation.mask(
            "veil_mask",
            Masker.positional(s.keepFirst(), s.keepLast(), s.maskChar()),
            StringOperation.containsOtherThan(s.maskChar())));
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    if (r.containsKey("preset")) {
      Integer c = Records.character(r, "char");
      return c == null ? null : new Preset(MaskPreset.fromConfigName(Records.text(r, "preset")), c);
    }
    Integer first = Records.whole(r, "keep-first");
    Integer last = Records.whole(r, "keep-last");
    if (first == null || last == null) {
      return null;
    }
    if (r.containsKey("char")) {
      Integer c = Records.character(r, "char");
      return c == null ? null : new Positional(first, last, c);
    }
    return new Classes(
        first,
        last,
        Records.character(r, "upper"),
        Records.character(r, "lower"),
        Records.character(r, "digit"),
        Records.character(r, "other"),
        Records.character(r, "letter"));
  }
}
