package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Executor threads live for the whole job while ciphers come and go. If a cipher's per-thread state
 * pointed back at the cipher, the thread's ThreadLocal map would keep every discarded cipher (and
 * its key) reachable; this checks that a used-then-dropped cipher is collected.
 */
class PerThreadStateTest {
  @Test
  void randomizedCipherIsCollectedAfterUse() throws Exception {
    assertCollected(
        () -> {
          RandomizedCipher cipher = new RandomizedCipher(new byte[32]);
          cipher.encrypt(new byte[3], null);
          return cipher;
        });
  }

  @Test
  void deterministicCipherIsCollectedAfterUse() throws Exception {
    assertCollected(
        () -> {
          DeterministicCipher cipher = new DeterministicCipher(new byte[64]);
          cipher.encrypt(new byte[3], new byte[2]);
          return cipher;
        });
  }

  @Test
  void formatPreservingCipherIsCollectedAfterUse() throws Exception {
    assertCollected(
        () -> {
          FormatPreservingCipher cipher = new FormatPreservingCipher(new byte[16], Alphabet.DIGITS);
          cipher.encrypt("13800138000", new byte[1]);
          cipher.encrypt("1".repeat(60), new byte[1]);
          return cipher;
        });
  }

  @Test
  void hmacIsCollectedAfterUse() throws Exception {
    assertCollected(
        () -> {
          HmacSha256 mac = new HmacSha256(new byte[32]);
          mac.mac(new byte[3]);
          return mac;
        });
  }

  private static void assertCollected(Supplier<Object> usedOnThisThread) throws Exception {
    WeakReference<Object> ref = new WeakReference<>(usedOnThisThread.get());
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), "the current thread's ThreadLocal map still reaches the cipher");
  }
}
