package dev.custos.admission.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;

/**
 * An attestation occurrence as the topic delivered it, kept so that a policy change can verify it
 * again with the new keys.
 *
 * @param name the occurrence name, {@code projects/<project>/occurrences/<id>}
 * @param noteName the note it hangs off, from the occurrence JSON
 * @param subject the image of the occurrence JSON's resource URI, by digest, or null when that URI
 *     names no valid image by digest or the event disagrees with the occurrence
 * @param occurrence the Grafeas v1 occurrence JSON, never modified
 * @param unverifiableReason why the occurrence can never verify, such as a mismatch between the
 *     event and its occurrence, or null
 */
record KeptOccurrence(
    String name,
    String noteName,
    ImageReference subject,
    JsonNode occurrence,
    String unverifiableReason) {

  Digest digest() {
    return subject == null ? null : subject.digest();
  }

  /** Returns the cache key of the subject, or null without one; see {@link CacheSnapshot#key}. */
  String subjectKey() {
    return subject == null ? null : CacheSnapshot.key(subject);
  }
}
