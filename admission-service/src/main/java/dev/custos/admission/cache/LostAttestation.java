package dev.custos.admission.cache;

/**
 * An attestor that no longer verifies an image, because an occurrence was deleted, replaced or
 * stopped verifying under a new policy, and no other kept occurrence of that attestor verifies it.
 *
 * @param subjectKey the image, as {@link CacheSnapshot#key}
 * @param digest the image digest, such as {@code sha256:<hex>}
 * @param attestor the name of the policy attestor
 * @param occurrenceName the occurrence whose loss removed the attestor
 */
public record LostAttestation(
    String subjectKey, String digest, String attestor, String occurrenceName) {}
