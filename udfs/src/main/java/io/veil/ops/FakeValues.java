package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Keyed fake values: each input maps to a realistic value drawn from a dictionary, the same one for
 * the same input and key in every table and run, so joins and counts of distinct values still work.
 * The draw is {@code HMAC-SHA256(k, dictionary || 0 || utf8(value))}, with {@code k} derived from
 * the configured key for this purpose alone; parts of the 32-byte tag index the lists (a surname
 * and given-name characters for a Chinese name, say). The dictionary's name is part of the MAC
 * input so that fakes from different dictionaries are unrelated.
 *
 * <p>Unlike a pseudonym, a fake is not unique: two inputs may get the same fake (there are a few
 * hundred cities), so a fake column must not serve as a join key across distinct values.
 */
public final class FakeValues implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The dictionaries a fake value comes from, by their config and SQL names. */
  public enum Kind {
    /** A Chinese name: a surname and one or two given-name characters, {@code 王秀英}. */
    NAME_ZH("name-zh"),
    /** A first and last name in Latin script, {@code Emma Schäfer}. */
    NAME_LATIN("name-latin"),
    FIRST_NAME("first-name"),
    LAST_NAME("last-name"),
    /** A city name (Chinese, American, British, German or French). */
    CITY("city"),
    /** A street name without a house number. */
    STREET("street"),
    /** An address at a domain reserved for documentation, {@code emma.schafer42@example.org}. */
    EMAIL("email"),
    /** A common English word. */
    WORD("word");

    private final String configName;

    Kind(String configName) {
      this.configName = configName;
    }

    public String configName() {
      return configName;
    }

    /**
     * @throws IllegalArgumentException listing the accepted names
     */
    public static Kind fromConfigName(String name) {
      for (Kind k : values()) {
        if (k.configName.equals(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          name + " is not a valid dictionary. Accepted dictionaries are " + acceptedNames() + ".");
    }

    public static String acceptedNames() {
      return Arrays.stream(values()).map(Kind::configName).collect(Collectors.joining(", "));
    }
  }

  private final KeyMaterial macKey;
  private final Kind kind;
  private transient HmacSha256 mac;

  /**
   * @throws IllegalArgumentException when the key is shorter than {@link
   *     #Pseudonymizer.MIN_KEY_SIZE} (the message gives its length only)
   */
  public FakeValues(KeyMaterial key, Kind kind) {
    if (key.length() < Pseudonymizer.MIN_KEY_SIZE) {
      throw new IllegalArgumentException(
          "has "
              + key.length()
              + " bytes, expected at least "
              + Pseudonymizer.MIN_KEY_SIZE
              + " for fake values");
    }
    this.macKey = key.derive("fake/hmac-sha256", 32);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The fake for {@code value}; null stays null. */
  public String fake(String value) {
    if (value == null) {
      return null;
    }
    ByteBuffer tag = ByteBuffer.wrap(tag(value));
    switch (kind) {
      case NAME_ZH:
        String surname = pick(Dictionary.named("surnames-zh.txt").entries(), tag, 0);
        List<String> chars = Dictionary.named("given-name-chars-zh.txt").entries();
        // About three given names in four have two characters.
        boolean two = (tag.get(24) & 3) != 0;
        return surname + pick(chars, tag, 8) + (two ? pick(chars, tag, 16) : "");
      case NAME_LATIN:
        return firstName(tag) + " " + lastName(tag);
      case FIRST_NAME:
        return firstName(tag);
      case LAST_NAME:
        return lastName(tag);
      case CITY:
        return pick(Dictionary.named("cities.tsv").column(1), tag, 0);
      case STREET:
        return pick(Dictionary.named("streets.tsv").column(1), tag, 0);
      case EMAIL:
        int number = (int) Long.remainderUnsigned(tag.getLong(16), 100);
        return ascii(firstName(tag))
            + "."
            + ascii(lastName(tag))
            + number
            + "@"
            + pick(Dictionary.named("email-domains.txt").entries(), tag, 24);
      default:
        return pick(Dictionary.named("words.txt").entries(), tag, 0);
    }
  }

  private byte[] tag(String value) {
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    byte[] name = kind.configName.getBytes(StandardCharsets.US_ASCII);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[name.length + 1 + v.length];
    System.arraycopy(name, 0, input, 0, name.length);
    System.arraycopy(v, 0, input, name.length + 1, v.length);
    return m.mac(input);
  }

  private static String firstName(ByteBuffer tag) {
    return pick(Dictionary.named("first-names-latin.txt").entries(), tag, 0);
  }

  private static String lastName(ByteBuffer tag) {
    return pick(Dictionary.named("last-names-latin.txt").entries(), tag, 8);
  }

  /** An entry chosen by 64 bits of the tag: the bias of the remainder is below 2^-50. */
  private static String pick(List<String> entries, ByteBuffer tag, int offset) {
    return entries.get((int) Long.remainderUnsigned(tag.getLong(offset), entries.size()));
  }

  /** Lower-case ASCII letters only, for e-mail local parts: Schäfer gives schafer, Weiß weiss. */
  static String ascii(String name) {
    String folded =
        Normalizer.normalize(
            name.replace("ß", "ss").replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD);
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  @Override
  public String toString() {
    return "FakeValues[" + kind.configName + "]";
  }
}
