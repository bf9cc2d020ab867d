package io.veil.ops;

import io.veil.crypto.DecryptionException;
import io.veil.crypto.DeterministicCipher;
import io.veil.crypto.RandomizedCipher;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reversible encryption of one column's values under a versioned key, in Veil's envelope: a format
 * byte, the key version (4 bytes, big-endian), then the cipher's output (GCM: IV, ciphertext, tag;
 * SIV: synthetic IV, ciphertext). The envelope header and the optional context are authenticated as
 * associated data, so a value moved to another column (another context) or relabelled with another
 * version does not decrypt.
 *
 * <p>With {@link Envelope#SPARK} the output is exactly Spark's {@code aes_encrypt} GCM layout (IV,
 * ciphertext, tag) under the key's raw bytes, so Spark's {@code aes_decrypt} reads it; the key
 * version then lives only in the column's metadata.
 */
public final class ColumnCipher implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Mode {
    RANDOMIZED((byte) 1, "randomized/aes-256-gcm", RandomizedCipher.KEY_SIZE),
    DETERMINISTIC((byte) 2, "deterministic/aes-siv-512", DeterministicCipher.KEY_SIZE);

    final byte formatId;
    final String purpose;
    final int keySize;

    Mode(byte formatId, String purpose, int keySize) {
      this.formatId = formatId;
      this.purpose = purpose;
      this.keySize = keySize;
    }

    /** The size a configured key must have for this mode. */
    public int keySize() {
      return keySize;
    }
  }

  public enum Envelope {
    VEIL,
    SPARK
  }

  static final int HEADER = 5;

  private final Mode mode;
  private final Envelope envelope;
  private final Map<Integer, KeyMaterial> keys;
  private final int primary;
  private final byte[] context;
  private transient Map<Integer, Object> ciphers;
  private transient volatile byte[] encryptionAad;

  private ColumnCipher(
      Mode mode, Envelope envelope, Map<Integer, KeyMaterial> keys, int primary, byte[] context) {
    this.mode = mode;
    this.envelope = envelope;
    this.keys = keys;
    this.primary = primary;
    this.context = context;
  }

  /**
   * @param context bound as associated data; null or empty for none
   * @throws IllegalArgumentException when a key version has the wrong size for the mode (the
   *     message gives sizes only; the caller adds the key's name)
   */
  public static ColumnCipher create(Mode mode, Envelope envelope, Keyset keyset, String context) {
    if (envelope == Envelope.SPARK && mode != Mode.RANDOMIZED) {
      throw new IllegalArgumentException(
          "envelope = spark is Spark's AES-GCM layout: it needs mode = randomized");
    }
    Map<Integer, KeyMaterial> keys = new TreeMap<>();
    for (Map.Entry<Integer, KeyMaterial> v : keyset.versions().entrySet()) {
      KeyMaterial k = v.getValue();
      if (k.length() != mode.keySize) {
        throw new IllegalArgumentException(
            "version "
                + v.getKey()
                + " has "
                + k.length()
                + " bytes, expected "
                + mode.keySize
                + " for "
                + mode.name().toLowerCase()
                + " encryption");
      }
      // Spark's aes_decrypt must read the spark envelope with the configured bytes themselves.
      keys.put(v.getKey(), envelope == Envelope.SPARK ? k : k.derive(mode.purpose, mode.keySize));
    }
    byte[] ctx = context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
    return new ColumnCipher(mode, envelope, keys, keyset.primaryVersion(), ctx);
  }

  public Mode mode() {
    return mode;
  }

  public Envelope envelope() {
    return envelope;
  }

  public int primaryVersion() {
    return primary;
  }

  public byte[] encrypt(byte[] plaintext) {
    return encrypt(plaintext, 0, plaintext.length);
  }

  /**
   * Encrypts {@code length} bytes of {@code plaintext} from {@code offset}, without copying them
   * first.
   */
  public byte[] encrypt(byte[] plaintext, int offset, int length) {
    if (envelope == Envelope.SPARK) {
      byte[] out = new byte[RandomizedCipher.ciphertextLength(length)];
      ((RandomizedCipher) cipher(primary)).encrypt(plaintext, offset, length, context, out, 0);
      return out;
    }
    int cipherLength =
        mode == Mode.RANDOMIZED
            ? RandomizedCipher.ciphertextLength(length)
            : DeterministicCipher.ciphertextLength(length);
    byte[] aad = primaryAssociatedData();
    byte[] out = new byte[HEADER + cipherLength];
    System.arraycopy(aad, 0, out, 0, HEADER); // the associated data starts with the header
    Object c = cipher(primary);
    if (c instanceof RandomizedCipher) {
      ((RandomizedCipher) c).encrypt(plaintext, offset, length, aad, out, HEADER);
    } else {
      ((DeterministicCipher) c).encrypt(plaintext, offset, length, aad, out, HEADER);
    }
    return out;
  }

  /**
   * What every encryption authenticates: the header it writes (always the primary version), then
   * the context. Built once, not per value; the ciphers only read it.
   */
  private byte[] primaryAssociatedData() {
    byte[] aad = encryptionAad;
    if (aad == null) {
      byte[] header = new byte[HEADER];
      header[0] = mode.formatId;
      ByteBuffer.wrap(header, 1, 4).putInt(primary);
      aad = associatedData(header);
      encryptionAad = aad; // a race only builds the same bytes twice
    }
    return aad;
  }

  /**
   * @throws DecryptionException when the value does not authenticate under any version it names
   * @throws IllegalArgumentException when it is not a Veil envelope of this mode, or names a key
   *     version this keyset lacks
   */
  public byte[] decrypt(byte[] data) throws DecryptionException {
    if (envelope == Envelope.SPARK) {
      return ((RandomizedCipher) cipher(primary)).decrypt(data, context);
    }
    int version = versionOf(data);
    Object c = cipher(version);
    byte[] aad = associatedData(data);
    return c instanceof RandomizedCipher
        ? ((RandomizedCipher) c).decrypt(data, HEADER, data.length - HEADER, aad)
        : ((DeterministicCipher) c).decrypt(data, HEADER, data.length - HEADER, aad);
  }

  /** The key version a value was encrypted under. */
  public int versionOf(byte[] data) {
    if (envelope == Envelope.SPARK) {
      return primary;
    }
    if (data.length < HEADER || data[0] != mode.formatId) {
      throw new IllegalArgumentException("not a Veil " + mode.name().toLowerCase() + " ciphertext");
    }
    int version = ByteBuffer.wrap(data, 1, 4).getInt();
    if (!keys.containsKey(version)) {
      throw new IllegalArgumentException(
          "encrypted under key version " + version + ", which the key does not have");
    }
    return version;
  }

  private byte[] associatedData(byte[] header) {
    byte[] aad = new byte[HEADER + context.length];
    System.arraycopy(header, 0, aad, 0, HEADER);
    System.arraycopy(context, 0, aad, HEADER, context.length);
    return aad;
  }

  private Object cipher(int version) {
    Map<Integer, Object> m = ciphers;
    if (m == null) {
      synchronized (this) {
        if (ciphers == null) {
          ciphers = new ConcurrentHashMap<>();
        }
        m = ciphers;
      }
    }
    return m.computeIfAbsent(
        version,
        v -> {
          byte[] k = keys.get(v).copyBytes();
          return mode == Mode.RANDOMIZED ? new RandomizedCipher(k) : new DeterministicCipher(k);
        });
  }

  @Override
  public String toString() {
    return "ColumnCipher[" + mode + ", " + envelope + ", versions " + keys.keySet() + "]";
  }
}
