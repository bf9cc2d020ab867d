package io.veil.scan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what personal data a column holds from a sample of its values.
 *
 * <p>Each value is put to every validator ({@link ValueDetector}s); a type's share is the share of
 * the column's non-empty values it accepts. A column gets a type when that share reaches {@value
 * #MIN_SHARE} ({@value #MIN_SHARE_WITH_HINT} when the column's name points at the type, see {@link
 * ColumnNameHints}); the type with the largest share wins, ties going to the more specific
 * validator (the order of {@link PiiType}). Two types need more than their values:
 *
 * <ul>
 *   <li>person names: full names must also be varied (a column of a few repeated words that happen
 *       to be names is a category), and single first or last names count only under a name-like
 *       column name or when at least {@value #MIN_DISTINCT_SINGLE_NAMES} different ones make up 80%
 *       of the column;
 *   <li>dates of birth: a date is a plausible birth date when it lies within the last {@value
 *       BirthDateDetector#MAX_AGE_YEARS} years; a column of them is a birth date column when its
 *       name says so, and otherwise (unless the name reads as an event: {@code created_at}, {@code
 *       signup_ts}) only when its dates carry no time of day and spread like adults' ages (median
 *       age 16 to 100, the middle 80% spanning at least 15 years).
 * </ul>
 *
 * <p>A text column (most values of three or more words, longer phrases, or Chinese sentences) with
 * no such type is {@link PiiType#FREE_TEXT_WITH_PII} when {@link EmbeddedPiiFinder} finds personal
 * data inside at least 2 of its values and at least 0.2% of them.
 *
 * <p>Confidence is {@code share × strength}, plus 0.1 when the column's name agrees, capped at 1,
 * and scaled down below {@value #FULL_EVIDENCE} sampled values. Strength reflects how rarely the
 * validator accepts a value by chance: 1.0 for e-mail, ID numbers and IBANs, 0.95 for IP addresses,
 * 0.9 for phones, cards and full names, 0.75 for single names and for birth dates inferred without
 * a column name. Free text: {@code 0.6 + share}, name bonus, cap and scaling as above. A clean
 * column's confidence is {@code 1 − share} (its near miss), scaled the same way.
 */
public final class ColumnClassifier {
  static final double MIN_SHARE = 0.5;
  static final double MIN_SHARE_WITH_HINT = 0.3;
  static final int FULL_EVIDENCE = 20;
  static final int MIN_DISTINCT_SINGLE_NAMES = 30;
  static final double MIN_TEXT_SHARE = 0.5;
  static final double MIN_EMBEDDED_SHARE = 0.002;
  static final double NAME_BONUS = 0.1;

  private static final Map<PiiType, Double> STRENGTH = new EnumMap<>(PiiType.class);

  static {
    STRENGTH.put(PiiType.EMAIL, 1.0);
    STRENGTH.put(PiiType.ID_CARD, 1.0);
    STRENGTH.put(PiiType.IBAN, 1.0);
    STRENGTH.put(PiiType.IP_ADDRESS, 0.95);
    STRENGTH.put(PiiType.PHONE, 0.9);
    STRENGTH.put(PiiType.BANK_CARD, 0.9);
    STRENGTH.put(PiiType.PERSON_NAME, 0.9);
    STRENGTH.put(PiiType.BIRTH_DATE, 0.95);
    STRENGTH.put(PiiType.US_SSN, 0.95);
    STRENGTH.put(PiiType.UK_NINO, 1.0);
    STRENGTH.put(PiiType.MAC_ADDRESS, 0.95);
    STRENGTH.put(PiiType.GEO_COORDINATES, 0.9);
    STRENGTH.put(PiiType.POSTAL_ADDRESS, 0.9);
  }

  private final List<ValueDetector> validators;
  private final PersonNameDetector names = new PersonNameDetector();
  private final BirthDateDetector birthDates;
  private final EmbeddedPiiFinder embedded;

  public ColumnClassifier() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock today's date, for birth dates and ID numbers (fixed in tests)
   */
  public ColumnClassifier(Clock clock) {
    ChineseIdNumberDetector idNumbers = new ChineseIdNumberDetector(clock);
    this.validators =
        List.of(
            new EmailDetector(),
            new ChineseMobileDetector(),
            new E164PhoneDetector(),
            new NationalPhoneDetector(),
            idNumbers,
            new UsSsnDetector(),
            new UkNinoDetector(),
            new BankCardDetector(),
            new IbanDetector(),
            new Ipv4AddressDetector(),
            new Ipv6AddressDetector(),
            new MacAddressDetector(),
            GeoCoordinatesDetector.decimalDegrees(),
            GeoCoordinatesDetector.degreesMinutesSeconds(),
            new PostalAddressDetector(PostalAddressDetector.Form.CN),
            new PostalAddressDetector(PostalAddressDetector.Form.US));
    this.birthDates = new BirthDateDetector(clock);
    this.embedded = new EmbeddedPiiFinder(idNumbers);
  }

  /** The validators applied to whole values, besides names and dates. */
  public List<ValueDetector> validators() {
    return validators;
  }

  /** One type's evidence in a column. */
  private record Candidate(
      PiiType type,
      double share,
      boolean accepted,
      double confidence,
      Map<String, Integer> forms) {}

  public ColumnFinding classify(ColumnSample sample) {
    List<String> values = new ArrayList<>(sample.values().size());
    for (String v : sample.values()) {
      if (v != null && !v.isBlank()) {
        values.add(v.strip());
      }
    }
    int n = values.size();
    ColumnSample.Kind kind = sample.kind();
    if (n == 0 || kind == ColumnSample.Kind.UNSCANNED) {
      return new ColumnFinding(sample.column(), kind, null, 0, 0, n, Map.of(), Set.of());
    }
    ColumnNameHints hints = ColumnNameHints.of(sample.fieldName());
    double evidence = Math.min(1.0, n / (double) FULL_EVIDENCE);
    List<Candidate> candidates = new ArrayList<>();
    if (kind == ColumnSample.Kind.STRING
        || kind == ColumnSample.Kind.INTEGER
        || kind == ColumnSample.Kind.NUMBER) {
      candidates.addAll(validated(values, hints, evidence));
    }
    if ((kind == ColumnSample.Kind.STRING || kind == ColumnSample.Kind.NUMBER)
        && hints.coordinateAxis() != null) {
      candidates.add(coordinates(values, hints, evidence));
    }
    if (kind == ColumnSample.Kind.STRING) {
      candidates.add(personNames(values, hints, evidence));
    }
    if (kind != ColumnSample.Kind.NUMBER) {
      Candidate birth = birthDates(values, hints, evidence);
      if (birth != null) {
        candidates.add(birth);
      }
    }
    Candidate best = null;
    for (Candidate c : candidates) {
      if (c.accepted()
          && (best == null
              || c.share() > best.share()
              || (c.share() == best.share() && c.type().ordinal() < best.type().ordinal()))) {
        best = c;
      }
    }
    if (best != null) {
      return new ColumnFinding(
          sample.column(),
          kind,
          best.type(),
          round(best.share()),
          roundConfidence(best.confidence()),
          n,
          best.forms(),
          Set.of());
    }
    if (kind == ColumnSample.Kind.STRING) {
      ColumnFinding text = freeText(sample.column(), values, hints, evidence);
      if (text != null) {
        return text;
      }
    }
    double nearMiss = 0;
    for (Candidate c : candidates) {
      if (c.type() != PiiType.BIRTH_DATE) {
        nearMiss = Math.max(nearMiss, c.share());
      }
    }
    return new ColumnFinding(
        sample.column(),
        kind,
        null,
        round(nearMiss),
        roundConfidence((1 - nearMiss) * evidence),
        n,
        Map.of(),
        Set.of());
  }

  private List<Candidate> validated(List<String> values, ColumnNameHints hints, double evidence) {
    List<ValueDetector> validators = this.validators;
    if (!hints.regions().isEmpty()) {
      // A column named for a country ("phone_ch") tries that country's numbering plan first.
      validators = new ArrayList<>(validators);
      validators.replaceAll(
          d ->
              d instanceof NationalPhoneDetector
                  ? NationalPhoneDetector.preferring(hints.regions())
                  : d);
    }
    Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    Map<PiiType, Map<String, Integer>> forms = new EnumMap<>(PiiType.class);
    Set<PiiType> seen = EnumSet.noneOf(PiiType.class);
    for (String v : values) {
      seen.clear();
      for (ValueDetector d : validators) {
        if (d.matches(v)) {
          seen.add(d.type());
          forms
              .computeIfAbsent(d.type(), t -> new LinkedHashMap<>())
              .merge(d.form(), 1, Integer::sum);
        }
      }
      for (PiiType t : seen) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (Map.Entry<PiiType, Integer> e : counts.entrySet()) {
      PiiType type = e.getKey();
      double share = e.getValue() / (double) values.size();
      boolean hint = hints.suggests(type);
      boolean accepted = share >= MIN_SHARE || (hint && share >= MIN_SHARE_WITH_HINT);
      out.add(
          new Candidate(
              type,
              share,
              accepted,
              confidence(share, STRENGTH.get(type), hint, evidence),
              forms.get(type)));
    }
    return out;
  }

  /**
   * A column of single latitudes or longitudes ({@code lat}, {@code lng}): only under such a name,
   * since any number with three decimals in range would pass.
   */
  private Candidate coordinates(List<String> values, ColumnNameHints hints, double evidence) {
    Boolean latitude = hints.coordinateAxis();
    int n = 0;
    for (String v : values) {
      if (GeoCoordinatesDetector.isCoordinate(v, latitude)) {
        n++;
      }
    }
    double share = n / (double) values.size();
    return new Candidate(
        PiiType.GEO_COORDINATES,
        share,
        share >= MIN_SHARE,
        confidence(share, 0.75, true, evidence),
        Map.of(latitude ? "latitude" : "longitude", n));
  }

  private Candidate personNames(List<String> values, ColumnNameHints hints, double evidence) {
    int full = 0;
    int single = 0;
    Set<String> distinctFull = new HashSet<>();
    Set<String> distinctAny = new HashSet<>();
    Map<String, Integer> forms = new LinkedHashMap<>();
    for (String v : values) {
      PersonNameDetector.Match m = names.match(v);
      if (m == PersonNameDetector.Match.NONE) {
        continue;
      }
      forms.merge(
          m == PersonNameDetector.Match.CHINESE
              ? "zh-name"
              : m == PersonNameDetector.Match.LATIN ? "latin-name" : "latin-single-name",
          1,
          Integer::sum);
      distinctAny.add(v);
      if (m.isFullName()) {
        full++;
        distinctFull.add(v);
      } else {
        single++;
      }
    }
    int n = values.size();
    double fullShare = full / (double) n;
    double anyShare = (full + single) / (double) n;
    boolean hint = hints.suggests(PiiType.PERSON_NAME);
    double strength = STRENGTH.get(PiiType.PERSON_NAME);
    if (fullShare >= (hint ? MIN_SHARE_WITH_HINT : MIN_SHARE)
        && distinctFull.size() >= Math.min(10, Math.max(2, full / 5))) {
      return new Candidate(
          PiiType.PERSON_NAME,
          fullShare,
          true,
          confidence(fullShare, strength, hint, evidence),
          forms);
    }
    if (hint
        && anyShare >= MIN_SHARE
        && distinctAny.size() >= Math.min(10, Math.max(2, (full + single) / 10))) {
      return new Candidate(
          PiiType.PERSON_NAME,
          anyShare,
          true,
          confidence(anyShare, strength, true, evidence),
          forms);
    }
    boolean varied = distinctAny.size() >= MIN_DISTINCT_SINGLE_NAMES;
    if (anyShare >= 0.8 && varied) {
      return new Candidate(
          PiiType.PERSON_NAME, anyShare, true, confidence(anyShare, 0.75, false, evidence), forms);
    }
    return new Candidate(PiiType.PERSON_NAME, anyShare, false, 0, forms);
  }

  private Candidate birthDates(List<String> values, ColumnNameHints hints, double evidence) {
    int n = values.size();
    int parsed = 0;
    int withTime = 0;
    int yearFirst = 0;
    int yearLast = 0;
    List<Double> ages = new ArrayList<>();
    Set<LocalDate> distinct = new HashSet<>();
    for (String v : values) {
      DateText d = DateText.parse(v);
      if (d == null) {
        continue;
      }
      parsed++;
      if (d.hasTimeOfDay()) {
        withTime++;
      }
      if (d.order() == DateText.Order.YEAR_FIRST) {
        yearFirst++;
      } else {
        yearLast++;
      }
      if (birthDates.isPlausible(d.date())) {
        ages.add(birthDates.ageInYears(d.date()));
        distinct.add(d.date());
      }
    }
    if (parsed < 0.8 * n) {
      return null;
    }
    Map<String, Integer> forms = new LinkedHashMap<>();
    if (yearFirst > 0) {
      forms.put("year-first", yearFirst);
    }
    if (yearLast > 0) {
      forms.put("year-last", yearLast);
    }
    if (withTime > 0) {
      forms.put("with-time", withTime);
    }
    double share = ages.size() / (double) n;
    if (hints.suggests(PiiType.BIRTH_DATE)) {
      boolean accepted = share >= MIN_SHARE;
      return new Candidate(
          PiiType.BIRTH_DATE,
          share,
          accepted,
          confidence(share, STRENGTH.get(PiiType.BIRTH_DATE), true, evidence),
          forms);
    }
    if (hints.suggestsEventDate() || withTime > 0.1 * parsed || ages.size() < 2) {
      return new Candidate(PiiType.BIRTH_DATE, share, false, 0, forms);
    }
    Collections.sort(ages);
    double median = ages.get(ages.size() / 2);
    double spread = ages.get((int) (ages.size() * 0.9)) - ages.get((int) (ages.size() * 0.1));
    boolean accepted =
        share >= 0.9
            && median >= 16
            && median <= 100
            && spread >= 15
            && distinct.size() >= Math.min(20, ages.size() / 2);
    return new Candidate(
        PiiType.BIRTH_DATE, share, accepted, confidence(share, 0.75, false, evidence), forms);
  }

  private ColumnFinding freeText(
      String column, List<String> values, ColumnNameHints hints, double evidence) {
    int textLike = 0;
    int withPii = 0;
    Map<PiiType, Integer> found = new EnumMap<>(PiiType.class);
    for (String v : values) {
      if (isTextLike(v)) {
        textLike++;
      }
      Set<PiiType> types = embedded.find(v);
      if (!types.isEmpty()) {
        withPii++;
        for (PiiType t : types) {
          found.merge(t, 1, Integer::sum);
        }
      }
    }
    int n = values.size();
    if (textLike < MIN_TEXT_SHARE * n || withPii < Math.max(2, Math.ceil(MIN_EMBEDDED_SHARE * n))) {
      return null;
    }
    double share = withPii / (double) n;
    boolean hint = hints.suggests(PiiType.FREE_TEXT_WITH_PII);
    double confidence = Math.min(1.0, 0.6 + share + (hint ? NAME_BONUS : 0)) * evidence;
    Map<String, Integer> forms = new LinkedHashMap<>();
    for (Map.Entry<PiiType, Integer> e : found.entrySet()) {
      forms.put(e.getKey().label(), e.getValue());
    }
    return new ColumnFinding(
        column,
        ColumnSample.Kind.STRING,
        PiiType.FREE_TEXT_WITH_PII,
        round(share),
        roundConfidence(confidence),
        n,
        forms,
        found.keySet());
  }

  /**
   * Three or more words, two making 12+ characters, or 6+ characters of Chinese (written without
   * spaces, and denser than alphabetic text).
   */
  static boolean isTextLike(String v) {
    int words = 0;
    boolean inWord = false;
    boolean han = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c)) {
        inWord = false;
      } else {
        if (!inWord) {
          words++;
        }
        inWord = true;
        han |= PersonNameDetector.isHan(c);
      }
    }
    int length = v.codePointCount(0, v.length());
    return words >= 3 || (han && length >= 6) || (words >= 2 && length >= 12);
  }

  private static double confidence(double share, double strength, boolean hint, double evidence) {
    return Math.min(1.0, share * strength + (hint ? NAME_BONUS : 0)) * evidence;
  }

  /** Shares to four decimals (0.1% of 10,000 values still shows), confidence to two. */
  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  private static double roundConfidence(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
