package dev.custos.audit.checkpoint;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * An Ed25519 private key that signs notes under a key name. Instances are immutable and
 * thread-safe. {@link #toString()} never shows the key.
 */
public final class NoteSigner {
  private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

  private final Ed25519PrivateKeyParameters privateKey;
  private final NoteVerifier verifier;

  private NoteSigner(String name, Ed25519PrivateKeyParameters privateKey) {
    if (!NoteKeys.isValidName(name)) {
      throw new IllegalArgumentException(
          "key name must be non-empty, without spaces or plus signs: '" + name + "'");
    }
    this.privateKey = privateKey;
    this.verifier = new NoteVerifier(name, privateKey.generatePublicKey().getEncoded());
  }

  /** Creates a signer from a 32-byte Ed25519 private key (the RFC 8032 seed). */
  public static NoteSigner fromSeed(String name, byte[] seed) {
    if (seed.length != NoteKeys.ED25519_KEY_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 private key must be 32 bytes, was " + seed.length);
    }
    return new NoteSigner(name, new Ed25519PrivateKeyParameters(seed, 0));
  }

  /**
   * Parses a note private key string, {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ||
   * seed)>}, the format of Go's {@code golang.org/x/mod/sumdb/note}.
   *
   * @throws IllegalArgumentException if the string is malformed or its key ID does not match
   */
  public static NoteSigner fromPrivateKey(String privateKey) {
    if (!privateKey.startsWith(PRIVATE_KEY_PREFIX)) {
      throw new IllegalArgumentException("note private key must start with " + PRIVATE_KEY_PREFIX);
    }
    String[] parts = privateKey.substring(PRIVATE_KEY_PREFIX.length()).split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "note private key must have the form PRIVATE+KEY+<name>+<hex key ID>+<base64 key>");
    }
    byte[] typedSeed = NoteKeys.decodeBase64(parts[2]);
    if (typedSeed == null
        || typedSeed.length != 1 + NoteKeys.ED25519_KEY_SIZE
        || typedSeed[0] != NoteKeys.ED25519_TYPE) {
      throw new IllegalArgumentException(
          "note private key must be base64 of 0x01 followed by a 32-byte Ed25519 key");
    }

    byte[] seed = Arrays.copyOfRange(typedSeed, 1, typedSeed.length);
    NoteSigner signer = fromSeed(parts[0], seed);
    Arrays.fill(seed, (byte) 0);
    Arrays.fill(typedSeed, (byte) 0);
    if (Integer.parseUnsignedInt(parts[1], 16) != signer.keyId()) {
      throw new IllegalArgumentException(
          "note private key ID "
              + parts[1]
              + " does not match the name and key, which give "
              + NoteKeys.formatKeyId(signer.keyId()));
    }
    return signer;
  }

  /**
   * Creates a signer from the contents of a key file: a note private key string, a PEM PKCS#8
   * Ed25519 key ({@code openssl genpkey -algorithm ed25519}), or the raw 32-byte private key.
   * {@code name} is the key name; a note private key string must carry the same name.
   *
   * @throws IllegalArgumentException if the contents have none of these forms
   */
  public static NoteSigner fromKeyFile(String name, byte[] contents) {
    String text = new String(contents, StandardCharsets.US_ASCII).strip();
    if (text.startsWith(PRIVATE_KEY_PREFIX)) {
      NoteSigner signer = fromPrivateKey(text);
      if (!signer.name().equals(name)) {
        throw new IllegalArgumentException(
            "key file names the key '" + signer.name() + "', expected '" + name + "'");
      }
      return signer;
    }
    if (text.startsWith("-----BEGIN")) {
      return new NoteSigner(name, parsePkcs8Pem(text));
    }
    if (contents.length == NoteKeys.ED25519_KEY_SIZE) {
      return fromSeed(name, contents);
    }
    throw new IllegalArgumentException(
        "key file is neither a note private key, a PEM PKCS#8 Ed25519 key, nor 32 raw bytes");
  }

  private static Ed25519PrivateKeyParameters parsePkcs8Pem(String pem) {
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      object = reader.readPemObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("key file is not valid PEM", e);
    }
    if (object == null || !object.getType().equals("PRIVATE KEY")) {
      throw new IllegalArgumentException("PEM key file must contain a PKCS#8 PRIVATE KEY block");
    }

    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(object.getContent());
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("PEM key file contains an invalid PKCS#8 key", e);
    }
    if (!(key instanceof Ed25519PrivateKeyParameters)) {
      throw new IllegalArgumentException(
          "PEM key file contains a " + key.getClass().getSimpleName() + ", expected Ed25519");
    }
    return (Ed25519PrivateKeyParameters) key;
  }

  public String name() {
    return verifier.name();
  }

  public int keyId() {
    return verifier.keyId();
  }

  /** Returns the public half of this key, which verifies its signatures. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** Signs a message with Ed25519 and returns the 64-byte signature. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Describes the key by its verifier key, never the private key. */
  @Override
  public String toString() {
    return "NoteSigner[" + verifier.verifierKey() + "]";
  }

  static String encodeSignature(int keyId, byte[] signature) {
    byte[] bytes = new byte[NoteKeys.KEY_ID_SIZE + signature.length];
    bytes[0] = (byte) (keyId >>> 24);
    bytes[1] = (byte) (keyId >>> 16);
    bytes[2] = (byte) (keyId >>> 8);
    bytes[3] = (byte) keyId;
    System.arraycopy(signature, 0, bytes, NoteKeys.KEY_ID_SIZE, signature.length);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
