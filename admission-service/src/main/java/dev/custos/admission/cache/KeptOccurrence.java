package dev.custos.admission.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;

/**
 * An attestation occurrence as the topic delivered it, kept so that a policy change can verify it
 * again with the new keys.
 *
 * @param name the occurrence name, {@code projects/<project>/occurrences/<id>}
 * @param noteName the note it hangs off
 * @param subject the image of its resource URI, by digest, or null when the URI names no valid
 *     image by digest
 * @param occurrence the Grafeas v1 occurrence JSON, never modified
 */
record KeptOccurrence(String name, String noteName, ImageReference subject, JsonNode occurrence) {

  Digest digest() {
    return subject == null ? null : subject.digest();
  }

  /** Returns the cache key of the subject, or null without one; see {@link CacheSnapshot#key}. */
  String subjectKey() {
    return subject == null ? null : CacheSnapshot.key(subject);
  }
}
