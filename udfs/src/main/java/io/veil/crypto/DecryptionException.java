package io.veil.crypto;

import java.security.GeneralSecurityException;

/**
 * A ciphertext did not decrypt: wrong key, wrong associated data, altered or truncated bytes.
 *
 * <p>Checked, so every caller decides what a bad cell means (fail the run or yield null). The
 * message names the reason only, never ciphertext, plaintext or key bytes, so it is safe to log. It
 * tells a ciphertext too short to be one apart from one that fails authentication, and no further:
 * which of key, associated data or bytes was wrong is exactly what an AEAD must not say.
 */
public final class DecryptionException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  DecryptionException(String message) {
    super(message);
  }
}
