package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.DecryptOperation;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;

/**
 * {@code op = decrypt}: mode, envelope, encoding, context, alphabet and original type come from the
 * column's metadata; the rule gives them only for ciphertext Veil did not write, or for a column
 * whose metadata records another path (its context, then, since metadata is not authenticated).
 */
public final class DecryptDefinition implements OperationDefinition {
  @Override
  public String name() {
    return "decrypt";
  }

  @Override
  public String summary() {
    return "the original values, in their original type";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("key", "", "the key's name: every version the data was written under"),
        new Parameter("mode", "", "for ciphertext Veil did not write: as encrypt's"),
        new Parameter("context", "", "overrides the recorded context (`none` for none)"),
        new Parameter("alphabet", "format-preserving", "for ciphertext Veil did not write"),
        new Parameter("encoding", "", "for ciphertext Veil did not write"),
        new Parameter(
            "envelope", "", "for ciphertext Veil did not write (`spark`: Spark's aes_encrypt)"),
        new Parameter(
            "original-type", "", "the plaintext's type, when the metadata lacks or mistakes it"),
        new Parameter("on-invalid", "", "`fail` or `null`: a value that does not decrypt"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    return EncryptDefinition.readCipher(p, "decrypt");
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    EncryptionSettings given = (EncryptionSettings) settings;
    EncryptionSettings s = recorded(given, b, true);
    Keyset keyset = b.keys().keyset(s.key());
    b.keys().claim(s.key(), s.purpose(), b.place());
    ColumnEncryption e = s.opening(keyset, b);
    EncryptionSettings bound =
        s.keyVersion() != null ? s : s.withKeyVersion(keyset.primaryVersion());
    return ColumnAction.transform(
        bound, new DecryptOperation(e, DataType.fromDDL(s.originalType())));
  }

  /**
   * The settings values were written under: the column's metadata record, overridden by the rule's
   * own (decrypt only; rekey takes none).
   */
  static EncryptionSettings recorded(EncryptionSettings given, Binding b, boolean overridable) {
    String op = given.op();
    Map<String, Object> meta = EncryptionRecord.of(b.schema(), b.path());
    if (meta == null) {
      Map<String, Object> elsewhere = EncryptionRecord.ofRenamed(b.schema(), b.path());
      if (elsewhere != null) {
        // The column carries the record of another path: renamed since, or values (and metadata)
        // copied from another column. Its recorded context is not taken on trust then.
        if (!overridable || given.context() == null) {
          Object context = elsewhere.get("context");
          throw new IllegalArgumentException(
              "Cannot "
                  + op
                  + " column "
                  + b.path()
                  + ": its Veil metadata records the encryption of column "
                  + elsewhere.get("path")
                  + ", not of this one; if the column was renamed, give decrypt the context it was encrypted under"
                  + (context == null ? " (context = none)" : " (context = \"" + context + "\")"));
        }
        meta = elsewhere;
      } else {
        if (!overridable || given.mode() == null) {
          throw new IllegalArgumentException(
              "Cannot "
                  + op
                  + " column "
                  + b.path()
                  + ": it has no Veil encryption metadata"
                  + (overridable
                      ? "; for ciphertext Veil did not write, give mode (and envelope, encoding, context,"
                          + " original-type)"
                      : ""));
        }
        meta = Map.of();
      }
    }
    String mode = pick(overridable, given.mode(), Records.text(meta, "mode"));
    boolean fpe = "format-preserving".equals(mode);
    String context = pick(overridable, given.context(), Records.text(meta, "context"));
    return new EncryptionSettings(
        op,
        given.key(),
        Records.whole(meta, "key_version"),
        mode,
        pick(overridable, given.envelope(), orDefault(Records.text(meta, "envelope"), "veil")),
        pick(overridable, given.encoding(), orDefault(Records.text(meta, "encoding"), "base64")),
        fpe
            ? pick(
                overridable, given.alphabet(), orDefault(Records.text(meta, "alphabet"), "digits"))
            : null,
        EncryptionSettings.NO_CONTEXT.equals(context) ? null : context,
        pick(
            overridable,
            given.originalType(),
            orDefault(Records.text(meta, "original_type"), "string")),
        given.onInvalid());
  }

  /** A decrypt rule's own setting wins; the config reader fills defaults only for encrypt. */
  private static String pick(boolean overridable, String own, String recorded) {
    return overridable && own != null ? own : recorded;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    return EncryptDefinition.settingsOf(r, "decrypt");
  }
}
