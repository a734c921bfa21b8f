package dev.custos.signer.pushes;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents ids and sources of {@code image.pushed} events. The id is a name-based UUID (version
 * 5, SHA-1, RFC 9562) of the registry name and the registry's event id, so every delivery of one
 * registry event produces the same {@code ce_id}, however often the registry retries.
 */
public final class PushEventIds {
  /** Namespace of the ids, a random UUID chosen once for Custos image pushes. */
  static final UUID NAMESPACE = UUID.fromString("7b0c4f0e-3d2a-4c59-9a57-3f6e1c8d2b90");

  private static final String SOURCE_PREFIX = "/custos/signer/webhooks/registry/";

  private PushEventIds() {}

  /**
   * Returns the CloudEvents id of one registry event.
   *
   * @param registryName the configured registry name, which contains no {@code :}
   * @param registryEventId the registry's id of the event
   */
  public static String eventId(String registryName, String registryEventId) {
    Objects.requireNonNull(registryName, "registryName");
    Objects.requireNonNull(registryEventId, "registryEventId");
    return nameBasedUuid(registryName + ":" + registryEventId).toString();
  }

  /** Returns the {@code ce_source} of the events from one registry's webhook endpoint. */
  public static URI source(String registryName) {
    return URI.create(SOURCE_PREFIX + registryName);
  }

  private static UUID nameBasedUuid(String name) {
    byte[] hash = sha1(NAMESPACE, name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong());
  }

  private static byte[] sha1(UUID namespace, byte[] name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available in this JDK", e);
    }
    ByteBuffer namespaceBytes = ByteBuffer.allocate(16);
    namespaceBytes.putLong(namespace.getMostSignificantBits());
    namespaceBytes.putLong(namespace.getLeastSignificantBits());
    sha1.update(namespaceBytes.array());
    sha1.update(name);
    return sha1.digest();
  }
}
