package dev.custos.admission.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.util.encoders.Hex;

/**
 * OpenPGP public key of an attestor: a primary key and the subkeys that the primary key bound for
 * signing. Its id is the primary key's fingerprint in uppercase hex.
 */
public final class OpenPgpAttestorKey implements AttestorKey {
  private static final int LONG_KEY_ID_HEX_LENGTH = 16;

  private final String id;
  private final String description;
  private final List<PGPPublicKey> signingKeys;
  private final List<PGPPublicKey> revokedSubkeys;

  /**
   * @param signingKeys the primary key first, then the signing subkeys whose binding signature
   *     verified
   */
  OpenPgpAttestorKey(String description, List<PGPPublicKey> signingKeys) {
    this(description, signingKeys, List.of());
  }

  /**
   * @param signingKeys the primary key first, then the signing subkeys whose binding signature
   *     verified and that are not revoked
   * @param revokedSubkeys the signing subkeys that the primary key revoked, kept so that a
   *     signature by one of them is rejected as revoked rather than as made by an unknown key
   */
  OpenPgpAttestorKey(
      String description, List<PGPPublicKey> signingKeys, List<PGPPublicKey> revokedSubkeys) {
    this.signingKeys = List.copyOf(signingKeys);
    this.revokedSubkeys = List.copyOf(revokedSubkeys);
    this.id = fingerprintHex(this.signingKeys.get(0));
    this.description = description;
  }

  @Override
  public String id() {
    return id;
  }

  /** Returns the 64-bit key id of the primary key, the last 16 hex characters of a v4 id. */
  public String longKeyId() {
    return longKeyIdHex(signingKeys.get(0));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description + " " + id;
  }

  /** Returns the primary key. */
  PGPPublicKey primary() {
    return signingKeys.get(0);
  }

  /** Returns whether {@code signer} is a signing subkey that the primary key revoked. */
  boolean isRevoked(PGPPublicKey signer) {
    return revokedSubkeys.contains(signer);
  }

  /**
   * Returns the primary key or signing subkey, revoked or not, that the signature names as its
   * issuer, or null.
   */
  PGPPublicKey findIssuer(PGPSignature signature) {
    byte[] issuerFingerprint = issuerFingerprint(signature);
    List<PGPPublicKey> candidates = new ArrayList<>(signingKeys);
    candidates.addAll(revokedSubkeys);
    for (PGPPublicKey key : candidates) {
      if (issuerFingerprint != null && Arrays.equals(issuerFingerprint, key.getFingerprint())) {
        return key;
      }
      if (signature.getKeyID() != 0 && signature.getKeyID() == key.getKeyID()) {
        return key;
      }
    }
    return null;
  }

  /**
   * Returns whether {@code publicKeyId} names the primary key or {@code signer}, by full
   * fingerprint or by 16-hex long key id, in either case.
   *
   * @param signer the subkey that made a signature, or null to match the primary key only
   */
  boolean isNamedBy(String publicKeyId, PGPPublicKey signer) {
    String requested = publicKeyId.toUpperCase(Locale.ROOT);
    if (namesKey(requested, signingKeys.get(0))) {
      return true;
    }
    return signer != null && namesKey(requested, signer);
  }

  private static boolean namesKey(String requested, PGPPublicKey key) {
    if (requested.length() == LONG_KEY_ID_HEX_LENGTH) {
      return requested.equals(longKeyIdHex(key));
    }
    return requested.equals(fingerprintHex(key));
  }

  static String fingerprintHex(PGPPublicKey key) {
    return Hex.toHexString(key.getFingerprint()).toUpperCase(Locale.ROOT);
  }

  private static String longKeyIdHex(PGPPublicKey key) {
    return String.format("%016X", key.getKeyID());
  }

  private static byte[] issuerFingerprint(PGPSignature signature) {
    PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
    if (hashed == null) {
      return null;
    }
    IssuerFingerprint fingerprint = hashed.getIssuerFingerprint();
    return fingerprint == null ? null : fingerprint.getFingerprint();
  }
}
