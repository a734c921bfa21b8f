package dev.custos.admission.verify;

import java.util.ArrayList;
import java.util.List;

/** Finds an attestor's keys by type or by the id that an occurrence names. */
final class AttestorKeyLookup {
  private AttestorKeyLookup() {}

  /**
   * Returns the key that {@code publicKeyId} names, by exact id or, for an OpenPGP key, by
   * fingerprint or long key id in either case. Returns null when none matches or the id is null.
   */
  static AttestorKey findById(Attestor attestor, String publicKeyId) {
    if (publicKeyId == null) {
      return null;
    }
    for (AttestorKey key : attestor.keys()) {
      if (key.id().equals(publicKeyId)) {
        return key;
      }
      if (key instanceof OpenPgpAttestorKey openPgpKey && openPgpKey.isNamedBy(publicKeyId, null)) {
        return key;
      }
    }
    return null;
  }

  static List<OpenPgpAttestorKey> openPgpKeys(Attestor attestor) {
    List<OpenPgpAttestorKey> keys = new ArrayList<>();
    for (AttestorKey key : attestor.keys()) {
      if (key instanceof OpenPgpAttestorKey openPgpKey) {
        keys.add(openPgpKey);
      }
    }
    return keys;
  }

  static List<PkixAttestorKey> pkixKeys(Attestor attestor) {
    List<PkixAttestorKey> keys = new ArrayList<>();
    for (AttestorKey key : attestor.keys()) {
      if (key instanceof PkixAttestorKey pkixKey) {
        keys.add(pkixKey);
      }
    }
    return keys;
  }
}
