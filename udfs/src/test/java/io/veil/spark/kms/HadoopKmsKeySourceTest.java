package io.veil.spark.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.EncryptedDataKey;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hadoop-kms: source's text, its EDEK file, and its failures without a KMS. */
class HadoopKmsKeySourceTest {
  @TempDir Path dir;

  @Test
  void theSourceNamesTheKmsTheKeyAndTheEdek() {
    KeySource s =
        KeySource.parse(
            "hadoop-kms:kms://http@127.0.0.1:9600/kms#key=veil-pii;edek=file:/k/pii.edek");
    assertEquals(KeySource.Kind.PROVIDED, s.kind());
    assertEquals(
        "hadoop-kms:kms://http@127.0.0.1:9600/kms#key=veil-pii;edek=file:/k/pii.edek",
        s.toString());
    HadoopKmsKeySource.Location l = HadoopKmsKeySource.parse(s.location());
    assertEquals("kms://http@127.0.0.1:9600/kms", l.kms());
    assertEquals("veil-pii", l.key());
    assertEquals("file:/k/pii.edek", l.edek());
  }

  @Test
  void malformedSourcesSayWhatIsExpected() {
    for (String bad :
        new String[] {
          "hadoop-kms:kms://http@h:9600/kms",
          "hadoop-kms:http://h:9600/kms#key=a;edek=file:/x",
          "hadoop-kms:kms://http@h:9600/kms#key=a",
          "hadoop-kms:kms://http@h:9600/kms#key=a;edek=/x",
          "hadoop-kms:kms://http@h:9600/kms#key=a;edek=file:/x;iv=1"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> KeySource.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("Invalid key source hadoop-kms:"), e.getMessage());
    }
  }

  @Test
  void theEdekFileRoundTripsAndHoldsNoPlainKey() {
    EncryptedDataKey k =
        new EncryptedDataKey(
            "kms://http@h:9600/kms", "veil-pii", "veil-pii@0", new byte[16], new byte[32]);
    assertEquals(k, EncryptedDataKey.parse(k.toJson()));
    assertTrue(k.toJson().contains("\"format\": \"veil-edek/1\""));
    assertFalse(k.toString().contains(Base64.getEncoder().encodeToString(new byte[32])));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EncryptedDataKey.parse("{\"format\": \"veil-edek/1\"}"));
    assertEquals("the encrypted data key has no \"kms\"", e.getMessage());
  }

  @Test
  void anEdekMadeUnderAnotherKmsKeyIsRefusedBeforeAskingTheKms() throws Exception {
    Path edek = dir.resolve("pii.edek");
    Files.writeString(
        edek,
        new EncryptedDataKey(
                "kms://http@127.0.0.1:1/kms", "other", "other@0", new byte[16], new byte[32])
            .toJson());
    KeySource s =
        KeySource.parse("hadoop-kms:kms://http@127.0.0.1:1/kms#key=veil-pii;edek=file:" + edek);
    KeyResolver resolver = new KeyResolver(Map.<String, String>of()::get, null);
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class, () -> resolver.resolve("pii version 1", s, null));
    assertTrue(
        e.getMessage()
            .endsWith("the encrypted data key was made under KMS key other, not veil-pii"),
        e.getMessage());
  }

  @Test
  void aKmsThatIsDownIsNamed() throws Exception {
    Path edek = dir.resolve("pii.edek");
    Files.writeString(
        edek,
        new EncryptedDataKey(
                "kms://http@127.0.0.1:1/kms", "veil-pii", "veil-pii@0", new byte[16], new byte[32])
            .toJson());
    KeySource s =
        KeySource.parse("hadoop-kms:kms://http@127.0.0.1:1/kms#key=veil-pii;edek=file:" + edek);
    KeyResolver resolver = new KeyResolver(Map.<String, String>of()::get, null);
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class, () -> resolver.resolve("pii version 1", s, null));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot read key pii version 1 from hadoop-kms:kms://http@127.0.0.1:1/kms#key=veil-pii;edek=file:"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("the KMS did not answer (ConnectException)"), e.getMessage());
  }
}
