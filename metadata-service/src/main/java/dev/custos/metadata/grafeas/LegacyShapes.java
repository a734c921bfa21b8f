package dev.custos.metadata.grafeas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.metadata.api.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites request bodies in the 2017 Grafeas shape (v1alpha1, as the original image-signing
 * tutorial sends them) into Grafeas v1 JSON, in place, before protobuf parses them. Bodies that are
 * already v1 pass through unchanged.
 *
 * <p>Occurrences:
 *
 * <ul>
 *   <li>{@code resourceUrl} becomes {@code resourceUri};
 *   <li>{@code attestation.pgpSignedAttestation{signature, contentType, pgpKeyId}} becomes a v1
 *       attestation with one entry in {@code signatures[]}: {@code signature} is the UTF-8 bytes of
 *       the whole ASCII-armored clear-signed message, {@code publicKeyId} is {@code pgpKeyId}, and
 *       {@code serializedPayload} stays empty, because the clear-signed message carries the payload
 *       itself. {@code contentType} has no v1 field and is dropped.
 * </ul>
 *
 * <p>Notes: {@code attestationAuthority} (with {@code hint.humanReadableName}) becomes {@code
 * attestation}, whose v1 shape is the same.
 *
 * <p>Both: a 2017 kind name ({@code ATTESTATION_AUTHORITY}, {@code PACKAGE_VULNERABILITY}, ...)
 * becomes its v1 name.
 */
public final class LegacyShapes {
  private static final Map<String, String> KINDS =
      Map.of(
          "KIND_UNSPECIFIED", "NOTE_KIND_UNSPECIFIED",
          "PACKAGE_VULNERABILITY", "VULNERABILITY",
          "BUILD_DETAILS", "BUILD",
          "IMAGE_BASIS", "IMAGE",
          "PACKAGE_MANAGER", "PACKAGE",
          "DEPLOYABLE", "DEPLOYMENT",
          "ATTESTATION_AUTHORITY", "ATTESTATION");

  private static final Set<String> PGP_FIELDS = Set.of("signature", "contentType", "pgpKeyId");

  private LegacyShapes() {}

  /** Rewrites the 2017 fields of an occurrence request body into v1 fields. */
  public static void upgradeOccurrence(ObjectNode occurrence) {
    rename(occurrence, "resourceUrl", "resourceUri");
    upgradeKind(occurrence);

    JsonNode attestation = occurrence.get("attestation");
    if (attestation != null && attestation.has("pgpSignedAttestation")) {
      occurrence.set("attestation", upgradeAttestation(attestation));
    }
  }

  /** Rewrites the 2017 fields of a note request body into v1 fields. */
  public static void upgradeNote(ObjectNode note) {
    rename(note, "attestationAuthority", "attestation");
    upgradeKind(note);
  }

  /**
   * Returns the v1 name of a 2017 kind name such as {@code PACKAGE_VULNERABILITY}, and any other
   * name unchanged.
   */
  public static String v1KindName(String kind) {
    return KINDS.getOrDefault(kind, kind);
  }

  private static void upgradeKind(ObjectNode resource) {
    JsonNode kind = resource.get("kind");
    if (kind != null && kind.isTextual() && KINDS.containsKey(kind.asText())) {
      resource.put("kind", KINDS.get(kind.asText()));
    }
  }

  private static void rename(ObjectNode resource, String legacyField, String field) {
    if (!resource.has(legacyField)) {
      return;
    }
    if (resource.has(field)) {
      throw new InvalidArgumentException(
          "Set " + field + " or its 2017 name " + legacyField + ", not both");
    }

    resource.set(field, resource.remove(legacyField));
  }

  private static ObjectNode upgradeAttestation(JsonNode attestation) {
    List<String> otherFields = fieldNames(attestation);
    otherFields.remove("pgpSignedAttestation");
    if (!otherFields.isEmpty()) {
      throw new InvalidArgumentException(
          "attestation.pgpSignedAttestation cannot be combined with the v1 attestation fields "
              + otherFields);
    }

    JsonNode pgp = attestation.get("pgpSignedAttestation");
    if (!pgp.isObject()) {
      throw new InvalidArgumentException("attestation.pgpSignedAttestation must be a JSON object");
    }
    List<String> unknownFields = fieldNames(pgp);
    unknownFields.removeAll(PGP_FIELDS);
    if (!unknownFields.isEmpty()) {
      throw new InvalidArgumentException(
          "Unknown fields in attestation.pgpSignedAttestation: "
              + unknownFields
              + "; expected "
              + PGP_FIELDS);
    }

    return v1Attestation(requiredText(pgp, "signature"), optionalText(pgp, "pgpKeyId"));
  }

  private static ObjectNode v1Attestation(String armored, String keyId) {
    ObjectNode signature = JsonNodeFactory.instance.objectNode();
    String bytes = Base64.getEncoder().encodeToString(armored.getBytes(StandardCharsets.UTF_8));
    signature.put("signature", bytes);
    if (keyId != null) {
      signature.put("publicKeyId", keyId);
    }

    ObjectNode v1 = JsonNodeFactory.instance.objectNode();
    ArrayNode signatures = v1.putArray("signatures");
    signatures.add(signature);

    return v1;
  }

  private static String requiredText(JsonNode pgp, String field) {
    String value = optionalText(pgp, field);
    if (value == null || value.isBlank()) {
      throw new InvalidArgumentException(
          "attestation.pgpSignedAttestation." + field + " is required");
    }

    return value;
  }

  private static String optionalText(JsonNode pgp, String field) {
    JsonNode value = pgp.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidArgumentException(
          "attestation.pgpSignedAttestation." + field + " must be a string");
    }

    return value.asText();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }

    return names;
  }
}
