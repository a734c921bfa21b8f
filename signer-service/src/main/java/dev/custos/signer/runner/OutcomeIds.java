package dev.custos.signer.runner;

import dev.custos.events.signer.RefusalReason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * CloudEvents ids of the records that the workflows produce. Each is a name-based UUID (version 5,
 * RFC 9562) of what the record says and what caused it, so a run repeated after a redelivery or a
 * restart produces the same {@code ce_id} and consumers drop the copy.
 */
final class OutcomeIds {
  /** Namespace of the ids, a random UUID chosen once for Custos workflow records. */
  private static final UUID NAMESPACE = UUID.fromString("3e0f7d52-9a41-4b8e-8c6d-52b1f0a9c7e4");

  /** {@code ce_source} of outcomes and of the platform-manifest pushes derived from an index. */
  static final URI SOURCE = URI.create("/custos/signer/workflows");

  private OutcomeIds() {}

  /** Returns the id of an {@code image.signed} event, one per attestation. */
  static String signed(String authority, String digest, String attestationName) {
    return uuid("signed\n" + authority + "\n" + digest + "\n" + attestationName);
  }

  /**
   * Returns the id of a {@code signing.refused} event.
   *
   * @param trigger the {@code ce_id} of the push or metadata event that caused the evaluation
   */
  static String refused(
      String authority, String digest, List<RefusalReason> reasons, String trigger) {
    StringBuilder name =
        new StringBuilder("refused\n" + authority + "\n" + digest + "\n" + trigger);
    for (RefusalReason reason : reasons) {
      name.append('\n').append(reason.code()).append('\t').append(reason.message());
    }
    return uuid(name.toString());
  }

  /** Returns the id of the push of a platform manifest that an index push lists. */
  static String platformPush(String indexEventId, String platformDigest) {
    return uuid("platform\n" + indexEventId + "\n" + platformDigest);
  }

  private static String uuid(String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available in this JDK", e);
    }
    ByteBuffer namespace = ByteBuffer.allocate(16);
    namespace.putLong(NAMESPACE.getMostSignificantBits());
    namespace.putLong(NAMESPACE.getLeastSignificantBits());
    sha1.update(namespace.array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong()).toString();
  }
}
