package io.veil.keys;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data key encrypted by a key management server (an EDEK), as {@code veil keygen --kms} writes
 * it: which KMS and key encrypted it, under which of the key's versions, the IV and the encrypted
 * bytes. It holds no key material, only what the KMS can decrypt; still, it stays out of messages.
 *
 * <pre>{@code
 * {
 *   "format": "veil-edek/1",
 *   "kms": "kms://http@kms.example.com:9600/kms",
 *   "key": "veil-pii",
 *   "key_version": "veil-pii@0",
 *   "iv": "<base64>",
 *   "edek": "<base64>"
 * }
 * }</pre>
 */
public record EncryptedDataKey(
    String kms, String key, String keyVersion, byte[] iv, byte[] encrypted) {
  public static final String FORMAT = "veil-edek/1";

  private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"([^\"\\\\]*)\"");

  public EncryptedDataKey {
    Objects.requireNonNull(kms);
    Objects.requireNonNull(key);
    Objects.requireNonNull(keyVersion);
    iv = iv.clone();
    encrypted = encrypted.clone();
  }

  @Override
  public byte[] iv() {
    return iv.clone();
  }

  @Override
  public byte[] encrypted() {
    return encrypted.clone();
  }

  public String toJson() {
    return "{\n"
        + field("format", FORMAT)
        + ",\n"
        + field("kms", kms)
        + ",\n"
        + field("key", key)
        + ",\n"
        + field("key_version", keyVersion)
        + ",\n"
        + field("iv", Base64.getEncoder().encodeToString(iv))
        + ",\n"
        + field("edek", Base64.getEncoder().encodeToString(encrypted))
        + "\n}\n";
  }

  private static String field(String name, String value) {
    if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "Invalid " + name + ": quotes and backslashes not allowed");
    }
    return "  \"" + name + "\": \"" + value + "\"";
  }

  /**
   * Reads what {@link #toJson} writes.
   *
   * @throws IllegalArgumentException saying which field is missing or invalid, never its value
   */
  public static EncryptedDataKey parse(String json) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      fields.putIfAbsent(m.group(1), m.group(2));
    }
    if (!FORMAT.equals(fields.get("format"))) {
      throw new IllegalArgumentException(
          "not an encrypted data key of Veil's (no \"format\": \"" + FORMAT + "\")");
    }
    for (String f : new String[] {"kms", "key", "key_version", "iv", "edek"}) {
      if (fields.get(f) == null || fields.get(f).isBlank()) {
        throw new IllegalArgumentException("the encrypted data key has no \"" + f + "\"");
      }
    }
    try {
      return new EncryptedDataKey(
          fields.get("kms"),
          fields.get("key"),
          fields.get("key_version"),
          Base64.getDecoder().decode(fields.get("iv")),
          Base64.getDecoder().decode(fields.get("edek")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the encrypted data key's \"iv\" or \"edek\" is not valid base64");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedDataKey e
        && kms.equals(e.kms)
        && key.equals(e.key)
        && keyVersion.equals(e.keyVersion)
        && java.util.Arrays.equals(iv, e.iv)
        && java.util.Arrays.equals(encrypted, e.encrypted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kms, key, keyVersion);
  }

  /** Names only: the KMS, the key and its version. */
  @Override
  public String toString() {
    return "EncryptedDataKey[" + kms + ", key " + key + ", version " + keyVersion + "]";
  }
}
