package io.veil.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, finding 12: the committed demo keys are known by fingerprint, and where they may serve.
 */
class DemoKeysTest {
  @TempDir Path dir;

  static final Path PROJECT =
      Paths.get(System.getProperty("veil.project.dir", "..")).toAbsolutePath().normalize();

  static KeyMaterial demoKey(String file) throws Exception {
    String text = Files.readString(PROJECT.resolve("conf/demo-keys").resolve(file)).trim();
    return KeyMaterial.of(Base64.getDecoder().decode(text));
  }

  @Test
  void keyHygieneTheCommittedDemoKeysAreKnownByFingerprint() throws Exception {
    assertTrue(DemoKeys.isDemoKey(demoKey("demo-only-pii.key")));
    assertTrue(DemoKeys.isDemoKey(demoKey("demo-only-aes256.key")));
    assertFalse(DemoKeys.isDemoKey(KeyMaterial.of(KeyResolverTest.KEY)));
    assertFalse(DemoKeys.isDemoKey(KeyMaterial.random(64)));
  }

  @Test
  void keyHygieneOnlyTheRepositorysOwnConfMayUseThem() throws Exception {
    assertTrue(DemoKeys.isRepositoryExample(PROJECT.resolve("conf/sample.conf")));
    assertTrue(DemoKeys.isRepositoryExample(PROJECT.resolve("conf/../conf/encryption.conf")));
    Path copy = Files.copy(PROJECT.resolve("conf/sample.conf"), dir.resolve("sample.conf"));
    assertFalse(DemoKeys.isRepositoryExample(copy));
    // A directory named conf elsewhere is not the repository's.
    Path conf = Files.createDirectories(dir.resolve("project/conf"));
    assertFalse(DemoKeys.isRepositoryExample(Files.copy(copy, conf.resolve("job.conf"))));
    // Nor is a config in a subdirectory of conf/, or one that does not exist.
    assertFalse(DemoKeys.isRepositoryExample(PROJECT.resolve("conf/demo-keys/README.md")));
    assertFalse(DemoKeys.isRepositoryExample(PROJECT.resolve("conf/no-such.conf")));
    // A symbolic link into conf/ from elsewhere counts where it points: the file is the example.
    Path link =
        Files.createSymbolicLink(dir.resolve("link.conf"), PROJECT.resolve("conf/sample.conf"));
    assertTrue(DemoKeys.isRepositoryExample(link));
  }
}
