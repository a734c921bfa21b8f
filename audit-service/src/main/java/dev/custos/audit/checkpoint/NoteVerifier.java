package dev.custos.audit.checkpoint;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key that verifies signed notes, identified by its key name and key ID. Its text
 * form is the C2SP verifier key {@code <name>+<hex key ID>+<base64(0x01 || public key)>}. Instances
 * are immutable and thread-safe.
 */
public final class NoteVerifier {
  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519PublicKeyParameters key;

  NoteVerifier(String name, byte[] publicKey) {
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyId = NoteKeys.keyId(name, NoteKeys.ED25519_TYPE, publicKey);
    try {
      this.key = new Ed25519PublicKeyParameters(this.publicKey, 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("verifier key is not a valid Ed25519 public key", e);
    }
  }

  /**
   * Parses a verifier key string such as {@code example.com/log+33d7b496+AeHTu4...}.
   *
   * @throws IllegalArgumentException if the string is malformed, the key is not Ed25519, or the key
   *     ID does not match the name and key
   */
  public static NoteVerifier parse(String verifierKey) {
    // Base64 may contain plus signs, but the name and the key ID do not.
    String[] parts = verifierKey.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "verifier key must have the form <name>+<hex key ID>+<base64 key>, with two plus signs");
    }
    String name = parts[0];
    if (!NoteKeys.isValidName(name)) {
      throw new IllegalArgumentException("verifier key has an invalid key name: '" + name + "'");
    }
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "verifier key ID must be 8 lowercase hex digits, was '" + parts[1] + "'");
    }
    byte[] typedKey = NoteKeys.decodeBase64(parts[2]);
    if (typedKey == null
        || typedKey.length != 1 + NoteKeys.ED25519_KEY_SIZE
        || typedKey[0] != NoteKeys.ED25519_TYPE) {
      throw new IllegalArgumentException(
          "verifier key must be base64 of 0x01 followed by a 32-byte Ed25519 public key");
    }

    NoteVerifier verifier =
        new NoteVerifier(name, Arrays.copyOfRange(typedKey, 1, typedKey.length));
    int declared = Integer.parseUnsignedInt(parts[1], 16);
    if (declared != verifier.keyId) {
      throw new IllegalArgumentException(
          "verifier key ID "
              + parts[1]
              + " does not match the name and key, which give "
              + NoteKeys.formatKeyId(verifier.keyId));
    }
    return verifier;
  }

  public String name() {
    return name;
  }

  /** Returns the 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Key ID, the first four bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
  public int keyId() {
    return keyId;
  }

  /** Formats this key as a verifier key string. */
  public String verifierKey() {
    byte[] typedKey = new byte[1 + publicKey.length];
    typedKey[0] = NoteKeys.ED25519_TYPE;
    System.arraycopy(publicKey, 0, typedKey, 1, publicKey.length);
    return name
        + "+"
        + NoteKeys.formatKeyId(keyId)
        + "+"
        + Base64.getEncoder().encodeToString(typedKey);
  }

  /** Returns whether {@code signature} is this key's Ed25519 signature of {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
