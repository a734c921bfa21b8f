package dev.custos.signer.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.signer.signing.SignedPayload;
import dev.custos.signer.signing.SimpleSigningPayload;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds ATTESTATION occurrences and picks, among the attestations of one authority on one
 * resource, the one that stands for the pair. Every replica applies the same choice, so duplicates
 * that a race created converge to one.
 */
final class AttestationOccurrences {
  private static final String ATTESTATION = "ATTESTATION";

  /**
   * Order of the attestations of one (authority, resource): the earliest {@code createTime} first,
   * then the smallest name, so that every replica picks the same one.
   */
  static final Comparator<JsonNode> KEEPER_ORDER =
      Comparator.comparing(AttestationOccurrences::createTime)
          .thenComparing(occurrence -> occurrence.path("name").asText(""));

  private AttestationOccurrences() {}

  /** Builds the occurrence that stores {@code signed} on the authority's note. */
  static ObjectNode build(String resourceUri, String authority, SignedPayload signed) {
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode occurrence = JsonNodeFactory.instance.objectNode();
    occurrence.put("resourceUri", resourceUri);
    occurrence.put("noteName", authority);
    occurrence.put("kind", ATTESTATION);
    ObjectNode attestation = occurrence.putObject("attestation");
    attestation.put("serializedPayload", base64.encodeToString(signed.payload()));
    ObjectNode signature = attestation.putArray("signatures").addObject();
    signature.put("signature", base64.encodeToString(signed.signature()));
    signature.put("publicKeyId", signed.publicKeyId());
    return occurrence;
  }

  /** Returns the ATTESTATION occurrences on {@code authority}'s note, in {@link #KEEPER_ORDER}. */
  static List<JsonNode> ofAuthority(List<JsonNode> occurrences, String authority) {
    List<JsonNode> attestations = new ArrayList<>();
    for (JsonNode occurrence : occurrences) {
      boolean attestation =
          ATTESTATION.equals(occurrence.path("kind").asText())
              || occurrence.path("attestation").isObject();
      if (attestation && authority.equals(occurrence.path("noteName").asText())) {
        attestations.add(occurrence);
      }
    }
    attestations.sort(KEEPER_ORDER);
    return attestations;
  }

  /**
   * Returns whether the signer made this attestation, judged by the creator in its simple-signing
   * payload. Only those are deleted as duplicates, never one a person or another tool recorded.
   */
  static boolean madeBy(JsonNode attestation, String creator) {
    String payload = attestation.path("attestation").path("serializedPayload").asText("");
    try {
      byte[] bytes = Base64.getDecoder().decode(payload);
      return creator.equals(SimpleSigningPayload.parse(bytes).creator());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Returns the occurrence's name, or empty when it has none. */
  static Optional<String> name(JsonNode occurrence) {
    String name = occurrence.path("name").asText("");
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** Returns {@code createTime}, or {@link Instant#MAX} when it is absent or not RFC 3339. */
  private static Instant createTime(JsonNode occurrence) {
    try {
      return Instant.parse(occurrence.path("createTime").asText(""));
    } catch (DateTimeParseException e) {
      return Instant.MAX;
    }
  }
}
