package dev.custos.audit.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Key names, key IDs and base64 rules shared by note signers and verifiers (C2SP signed-note). */
final class NoteKeys {
  /** Signature type of Ed25519 note signatures. */
  static final byte ED25519_TYPE = 0x01;

  static final int KEY_ID_SIZE = 4;
  static final int ED25519_KEY_SIZE = 32;

  private NoteKeys() {}

  /**
   * Returns a key ID: the first four bytes, big-endian, of SHA-256(name || 0x0A || type || public
   * key).
   */
  static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest sha256 = sha256();
    sha256.update(name.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
    sha256.update(type);
    sha256.update(publicKey);
    return ByteBuffer.wrap(sha256.digest()).getInt();
  }

  /** Returns whether a key name is non-empty and free of Unicode spaces and plus signs. */
  static boolean isValidName(String name) {
    if (name.isEmpty() || name.indexOf('+') >= 0) {
      return false;
    }
    return name.codePoints()
        .noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20);
  }

  /**
   * Decodes standard base64 with padding, and only its canonical form, so that one value has one
   * encoding. Returns null when the text is not canonical base64.
   */
  static byte[] decodeBase64(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
  }

  static String formatKeyId(int keyId) {
    return String.format("%08x", keyId);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK's security providers", e);
    }
  }
}
