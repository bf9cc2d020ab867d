package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.ColumnCipher;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.RekeyOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;

/**
 * {@code op = rekey}: re-encrypts a column under its key's primary version, reading how it was
 * encrypted from its metadata and carrying that record through whole, original type included, so a
 * value decrypts to its original type after any number of rotations.
 */
public final class RekeyDefinition implements OperationDefinition {
  @Override
  public String name() {
    return "rekey";
  }

  @Override
  public String summary() {
    return "the same values re-encrypted under the key's primary version; the report counts values per old version";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("key", "", "the key's name: the versions values are under, and the primary"),
        new Parameter("on-invalid", "", "`fail` or `null`: a value that does not decrypt"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    String key = p.key("key");
    String onInvalid =
        p.has("on-invalid") && p.isNull("on-invalid")
            ? "null"
            : p.choice("on-invalid", List.of("fail", "null"), false);
    return key == null
        ? null
        : new EncryptionSettings("rekey", key, null, null, null, null, null, null, null, onInvalid);
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    EncryptionSettings s = DecryptDefinition.recorded((EncryptionSettings) settings, b, false);
    Keyset keyset = b.keys().keyset(s.key());
    b.keys().claim(s.key(), s.purpose(), b.place());
    ColumnEncryption from = s.opening(keyset, b);
    DataType original = DataType.fromDDL(s.originalType());
    ColumnEncryption to = s.sealing(keyset, original, b);
    List<Integer> old = new ArrayList<>();
    if (s.formatPreserving() || s.cipherEnvelope() == ColumnCipher.Envelope.SPARK) {
      old.add(
          s.keyVersion()); // no version in the ciphertext: every value is under the recorded one
    } else {
      old.addAll(keyset.versions().keySet());
    }
    EncryptionSettings bound = s.withKeyVersion(keyset.primaryVersion());
    // The record read from the input, overlaid with what this rotation changes: fields Veil does
    // not set here (and any a later version adds) are carried through, never re-derived.
    Map<String, Object> record = new LinkedHashMap<>(EncryptionRecord.of(b.schema(), b.path()));
    for (String written : List.of("path", "original_type", "result_type")) {
      record.remove(written); // the metadata writer sets these for every transform
    }
    record.putAll(bound.record());
    return ColumnAction.transform(
        new Carried(bound, record), new RekeyOperation(from, to, old, original));
  }

  /** Rekey's settings with the input's whole record, which its own record carries through. */
  public record Carried(EncryptionSettings settings, Map<String, Object> carried)
      implements OperationSettings {
    @Override
    public String op() {
      return "rekey";
    }

    @Override
    public Map<String, Object> record() {
      return new LinkedHashMap<>(carried);
    }

    @Override
    public String inWords() {
      return settings.inWords();
    }
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    return EncryptDefinition.settingsOf(r, "rekey");
  }
}
