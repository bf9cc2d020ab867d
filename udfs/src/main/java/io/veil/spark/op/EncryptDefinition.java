package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.spark.ColumnAction;
import io.veil.spark.EncryptOperation;
import java.util.List;
import java.util.Map;

/**
 * {@code op = encrypt}: AES-256-GCM (randomized), AES-SIV (deterministic, joinable) or FF1
 * (format-preserving). Randomized encryption binds {@code <table>.<column path>} as its context
 * unless the rule sets one; deterministic and format-preserving encryption need it said.
 */
public final class EncryptDefinition implements OperationDefinition {
  static final List<String> MODES = List.of("randomized", "deterministic", "format-preserving");
  static final List<String> ENCODINGS = List.of("base64", "binary");
  static final List<String> ENVELOPES = List.of("veil", "spark");
  static final List<String> ALPHABETS = List.of("digits", "hex", "alphanumeric");

  @Override
  public String name() {
    return "encrypt";
  }

  @Override
  public String summary() {
    return "reversible ciphertext: AES-256-GCM, joinable AES-SIV or format-preserving FF1, under a named key";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("key", "", "the key's name"),
        new Parameter("mode", "", "`randomized` (default), `deterministic` or `format-preserving`"),
        new Parameter(
            "context",
            "",
            "bound to the ciphertext; `none` for none (randomized: `<table>.<path>` by"
                + " default; deterministic and format-preserving: required)"),
        new Parameter(
            "alphabet",
            "format-preserving",
            "`digits` (default), `hex`, `alphanumeric` or the characters"),
        new Parameter("encoding", "randomized, deterministic", "`base64` (default) or `binary`"),
        new Parameter(
            "envelope", "randomized", "`veil` (default) or `spark` (Spark's aes_encrypt layout)"),
        new Parameter("on-invalid", "", "`fail` or `null`: a value the cipher cannot take"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    return readCipher(p, "encrypt");
  }

  /** encrypt's settings, and decrypt's overrides of what the metadata records. */
  static EncryptionSettings readCipher(ParameterSource p, String op) {
    boolean decrypt = !op.equals("encrypt");
    String key = p.key("key");
    // encrypt's defaults (randomized, digits) come from reference.conf or the SQL function's form.
    String mode = p.choice("mode", MODES, !decrypt);
    String context = p.text("context", false);
    String encoding = p.choice("encoding", ENCODINGS, false);
    String envelope = p.choice("envelope", ENVELOPES, false);
    String onInvalid =
        p.has("on-invalid") && p.isNull("on-invalid")
            ? "null"
            : p.choice("on-invalid", List.of("fail", "null"), false);
    String alphabet = p.text("alphabet", false);
    boolean ok = true;
    if (alphabet != null) {
      try {
        io.veil.crypto.Alphabet.named(alphabet);
      } catch (IllegalArgumentException e) {
        p.problem(
            "alphabet",
            e.getMessage()
                + "; use digits, hex, alphanumeric or the characters themselves ("
                + p.context()
                + ")");
        ok = false;
      }
    }
    String originalType = decrypt ? p.text("original-type", false) : null;
    String effective = mode == null ? "" : mode;
    if (p.isSet("alphabet") && !effective.equals("format-preserving")) {
      p.problem(
          "alphabet",
          "Invalid 'alphabet' in "
              + p.context()
              + ": only mode = format-preserving takes an alphabet.");
      ok = false;
    }
    if (p.isSet("envelope") && "spark".equals(envelope) && !effective.equals("randomized")) {
      p.problem(
          "envelope",
          "Invalid 'envelope' in "
              + p.context()
              + ": envelope = spark is Spark's AES-GCM layout and needs mode = randomized.");
      ok = false;
    }
    if (!decrypt
        && (effective.equals("deterministic") || effective.equals("format-preserving"))
        && context == null) {
      // Equal values give equal ciphertexts under a key and context: across columns that links
      // people, which must be chosen, not fallen into.
      p.problem(
          "mode",
          "Missing 'context' in "
              + p.context()
              + ": "
              + effective
              + " encryption gives equal"
              + " ciphertexts for equal values under one key and context, so say which: context = \"<name>\" binds"
              + " them to that name (give every column that must join the same one), context = none lets them match"
              + " in every column under the key.");
      ok = false;
    }
    if (p.isSet("encoding") && effective.equals("format-preserving")) {
      p.problem(
          "encoding",
          "Invalid 'encoding' in "
              + p.context()
              + ": format-preserving ciphertext keeps the value's own alphabet.");
      ok = false;
    }
    if (!ok || key == null || (!decrypt && mode == null)) {
      return null;
    }
    boolean fpe = "format-preserving".equals(mode);
    if (decrypt) { // what the rule gives overrides the metadata; nothing is filled in
      return new EncryptionSettings(
          op,
          key,
          null,
          mode,
          envelope,
          encoding,
          p.isSet("alphabet") ? alphabet : null,
          context,
          originalType,
          onInvalid);
    }
    return new EncryptionSettings(
        op,
        key,
        null,
        mode,
        fpe ? null : orDefault(envelope, "veil"),
        fpe ? null : orDefault(encoding, "base64"),
        fpe ? alphabet : null,
        context,
        originalType,
        onInvalid);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    EncryptionSettings s = (EncryptionSettings) settings;
    Keyset keyset = b.keys().keyset(s.key());
    String context = s.context();
    if (context == null && "randomized".equals(s.mode())) {
      // Bound by default: a value copied into another column or table does not decrypt there.
      context = b.table() + "." + b.path();
    }
    EncryptionSettings bound =
        s.withContext(EncryptionSettings.NO_CONTEXT.equals(context) ? null : context)
            .withKeyVersion(keyset.primaryVersion());
    b.keys().claim(s.key(), bound.purpose(), b.place());
    bound.sealing(
        keyset, org.apache.spark.sql.types.DataTypes.StringType, b); // checks the key's size now
    EncryptOperation op =
        EncryptOperation.onBytes(
            type -> bound.sealing(keyset, type, b),
            bound.formatPreserving(),
            "spark".equals(bound.envelope()),
            "binary".equals(bound.encoding()),
            "randomized".equals(bound.mode()));
    return ColumnAction.transform(bound, op);
  }

  @Override
  public KeyNeed keyNeed(OperationSettings settings) {
    EncryptionSettings s = (EncryptionSettings) settings;
    int size =
        s.formatPreserving()
            ? io.veil.ops.FormatPreservingEncryption.KEY_SIZE
            : s.cipherMode().keySize();
    String use = s.formatPreserving() ? "format-preserving encryption" : s.mode() + " encryption";
    return new KeyNeed(s.key(), s.purpose(), size, size, use);
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    return settingsOf(r, "encrypt");
  }

  /** The settings an encrypt or rekey record says values were written under. */
  static EncryptionSettings settingsOf(Map<String, Object> r, String op) {
    String mode = Records.text(r, "mode");
    if (mode == null || !MODES.contains(mode)) {
      return null;
    }
    boolean fpe = "format-preserving".equals(mode);
    return new EncryptionSettings(
        op,
        Records.text(r, "key"),
        Records.whole(r, "key_version"),
        mode,
        fpe ? null : orDefault(Records.text(r, "envelope"), "veil"),
        fpe ? null : orDefault(Records.text(r, "encoding"), "base64"),
        fpe ? orDefault(Records.text(r, "alphabet"), "digits") : null,
        Records.text(r, "context"),
        Records.text(r, "original_type"),
        null);
  }
}
