package dev.custos.metadata.grafeas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.metadata.api.InvalidArgumentException;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LegacyShapesTest {
  private static final String ARMORED =
      "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\npayload\n"
          + "-----BEGIN PGP SIGNATURE-----\n\nsig\n-----END PGP SIGNATURE-----\n";

  private static ObjectNode json(String text) {
    return ProtoJson.readObject(text, "test body");
  }

  @Test
  void resourceUrlBecomesResourceUri() {
    ObjectNode occurrence = json("{\"resourceUrl\":\"https://r/app@sha256:1\"}");

    LegacyShapes.upgradeOccurrence(occurrence);

    assertThat(occurrence.has("resourceUrl")).isFalse();
    assertThat(occurrence.path("resourceUri").asText()).isEqualTo("https://r/app@sha256:1");
  }

  @Test
  void bothUriSpellingsAreRejected() {
    ObjectNode occurrence = json("{\"resourceUrl\":\"a\",\"resourceUri\":\"b\"}");

    assertThatThrownBy(() -> LegacyShapes.upgradeOccurrence(occurrence))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("resourceUri")
        .hasMessageContaining("resourceUrl");
  }

  @Test
  void pgpAttestationBecomesSignature() {
    ObjectNode occurrence = json("{\"attestation\":{\"pgpSignedAttestation\":{}}}");
    ((ObjectNode) occurrence.path("attestation").path("pgpSignedAttestation"))
        .put("signature", ARMORED)
        .put("contentType", "SIMPLE_SIGNING_JSON")
        .put("pgpKeyId", "ABCDEF0123456789");

    LegacyShapes.upgradeOccurrence(occurrence);
    Occurrence parsed = ProtoJson.merge(occurrence, Occurrence.newBuilder(), "o").build();

    assertThat(parsed.getAttestation().getSerializedPayload().isEmpty()).isTrue();
    assertThat(parsed.getAttestation().getSignaturesCount()).isEqualTo(1);
    assertThat(parsed.getAttestation().getSignatures(0).getPublicKeyId())
        .isEqualTo("ABCDEF0123456789");
    assertThat(
            parsed
                .getAttestation()
                .getSignatures(0)
                .getSignature()
                .toString(StandardCharsets.UTF_8))
        .isEqualTo(ARMORED);
  }

  @Test
  void pgpWithV1FieldsIsRejected() {
    ObjectNode occurrence =
        json(
            "{\"attestation\":{\"pgpSignedAttestation\":{\"signature\":\"s\"},"
                + "\"serializedPayload\":\"e30=\"}}");

    assertThatThrownBy(() -> LegacyShapes.upgradeOccurrence(occurrence))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("serializedPayload");
  }

  @Test
  void unknownPgpFieldIsNamed() {
    ObjectNode occurrence =
        json("{\"attestation\":{\"pgpSignedAttestation\":{\"signature\":\"s\",\"hash\":\"x\"}}}");

    assertThatThrownBy(() -> LegacyShapes.upgradeOccurrence(occurrence))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("[hash]");
  }

  @Test
  void legacyKindBecomesV1Kind() {
    ObjectNode occurrence = json("{\"kind\":\"PACKAGE_VULNERABILITY\"}");

    LegacyShapes.upgradeOccurrence(occurrence);

    assertThat(occurrence.path("kind").asText()).isEqualTo(NoteKind.VULNERABILITY.name());
  }

  @Test
  void attestationAuthorityBecomesAttestation() {
    ObjectNode note = json("{\"attestationAuthority\":{\"hint\":{\"humanReadableName\":\"qa\"}}}");

    LegacyShapes.upgradeNote(note);

    assertThat(note.has("attestationAuthority")).isFalse();
    assertThat(note.path("attestation").path("hint").path("humanReadableName").asText())
        .isEqualTo("qa");
  }

  @Test
  void v1BodyIsUnchanged() {
    String v1 =
        "{\"resourceUri\":\"u\",\"noteName\":\"projects/p/notes/n\","
            + "\"attestation\":{\"serializedPayload\":\"e30=\"}}";
    ObjectNode occurrence = json(v1);

    LegacyShapes.upgradeOccurrence(occurrence);

    assertThat(occurrence).isEqualTo(json(v1));
  }
}
