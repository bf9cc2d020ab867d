package io.veil.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reads the third-party vectors in place from the shared folder (never copied into the repo).
 * Surefire passes {@code veil.testvectors.dir}; from a worktree that path can point nowhere, so the
 * shared checkout is the fallback.
 */
final class TestVectors {
  private static final Path FALLBACK = Path.of("/work/shared/testvectors");

  private TestVectors() {}

  static Path dir() {
    String configured = System.getProperty("veil.testvectors.dir");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      return Path.of(configured);
    }
    if (Files.isDirectory(FALLBACK)) {
      return FALLBACK;
    }
    throw new IllegalStateException(
        "Cannot find the test vectors: neither veil.testvectors.dir ("
            + configured
            + ") nor "
            + FALLBACK
            + " is a directory");
  }

  static JsonNode json(String relativePath) {
    try {
      return new ObjectMapper().readTree(dir().resolve(relativePath).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }
}
