package dev.custos.admission.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.Digest;

/**
 * An attestation occurrence as the topic delivered it, kept so that a policy change can verify it
 * again with the new keys.
 *
 * @param name the occurrence name, {@code projects/<project>/occurrences/<id>}
 * @param noteName the note it hangs off
 * @param digest the digest of its resource URI, or null when the URI names no valid digest
 * @param occurrence the Grafeas v1 occurrence JSON, never modified
 */
record KeptOccurrence(String name, String noteName, Digest digest, JsonNode occurrence) {}
