package io.veil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20, finding 12: how keys are kept (file modes, hash codes). */
public class KeyHygieneTest {
  @TempDir Path dir;

  static final byte[] KEY = KeyResolverTest.KEY;

  @Test
  void keyHygieneHashCodeDoesNotDeriveFromKeyBytes() {
    byte[] other = KEY.clone();
    other[0] ^= 1;
    KeyMaterial a = KeyMaterial.of(KEY);
    KeyMaterial b = KeyMaterial.of(other);
    assertNotEquals(a, b);
    assertEquals(
        a.hashCode(),
        b.hashCode(),
        "a hash code that depends on the bytes leaks them to anyone hashing");
    assertEquals(a, KeyMaterial.of(KEY));
  }

  @Test
  void keyHygieneAKeyFileOthersCanReadIsWarnedAboutOncePerFile() throws Exception {
    Path open = dir.resolve("open.key");
    Path closed = dir.resolve("closed.key");
    for (Path p : new Path[] {open, closed}) {
      Files.writeString(p, Base64.getEncoder().encodeToString(KEY) + "\n");
    }
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
    KeyResolver r = new KeyResolver(Map.<String, String>of()::get, alias -> null);
    String err =
        standardError(
            () -> {
              r.resolve("pii", KeySource.parse("file:" + open), null);
              r.resolve("pii", KeySource.parse("file:" + open), null);
              r.resolve("other", KeySource.parse("file:" + closed), null);
              return null;
            });
    assertEquals(1, err.lines().count(), err);
    assertTrue(
        err.startsWith(
            "[veil] warning: key file "
                + open
                + " can be read by its group or by others"
                + " (rw-r--r--): make it readable by its owner alone (chmod 600)"),
        err);
  }

  public static String standardError(Supplier<?> action) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
