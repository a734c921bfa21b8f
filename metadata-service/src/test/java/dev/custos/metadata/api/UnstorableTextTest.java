package dev.custos.metadata.api;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.metadata.filter.FilterParser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NUL characters and unpaired surrogates in requests, which PostgreSQL cannot store. */
@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class UnstorableTextTest {
  private static final String OCCURRENCES = "/v1/projects/text/occurrences";
  private static final String IMAGE =
      "https://registry.example.com/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String NUL = "\\u0000";
  private static final String SURROGATE = "\\ud800";

  @BeforeEach
  void createProjectAndNote() {
    ensureProject("text");
    api()
        .queryParam("noteId", "qa")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/text/notes");
  }

  @Test
  void nulInResourceUriRejected() {
    assertInvalid(post(occurrence("x" + NUL, "key-1")), "resourceUri", "U+0000 (NUL)");
  }

  @Test
  void nulInPublicKeyIdRejected() {
    assertInvalid(
        post(occurrence(IMAGE, "key" + NUL)),
        "attestation.signatures[0].publicKeyId",
        "U+0000 (NUL)");
  }

  @Test
  void surrogateInResourceUriRejected() {
    assertInvalid(
        post(occurrence(IMAGE + SURROGATE, "key-1")), "resourceUri", "U+D800 (an unpaired");
  }

  @Test
  void surrogateInPublicKeyIdRejected() {
    assertInvalid(
        post(occurrence(IMAGE, SURROGATE)), "attestation.signatures[0].publicKeyId", "U+D800");
  }

  @Test
  void pairedSurrogatesAccepted() {
    api()
        .body(occurrence(IMAGE, "key-\\ud83d\\udd11"))
        .post(OCCURRENCES)
        .then()
        .statusCode(200)
        .body("attestation.signatures[0].publicKeyId", equalTo("key-\uD83D\uDD11"));
  }

  @Test
  void nulInBatchItemRejected() {
    ValidatableResponse response =
        api()
            .urlEncodingEnabled(false)
            .body(
                "{\"occurrences\":["
                    + occurrence(IMAGE, "key-1")
                    + ","
                    + occurrence(IMAGE, NUL)
                    + "]}")
            .post(OCCURRENCES + ":batchCreate")
            .then();

    assertInvalid(response, "occurrences[1].attestation.signatures[0].publicKeyId", "NUL");
  }

  @Test
  void nulInNoteTextRejected() {
    for (String field : new String[] {"shortDescription", "longDescription"}) {
      ValidatableResponse response =
          api()
              .queryParam("noteId", "nul-" + field)
              .body("{\"" + field + "\":\"a" + NUL + "\",\"attestation\":{}}")
              .post("/v1/projects/text/notes")
              .then();

      assertInvalid(response, field, "U+0000 (NUL)");
    }
  }

  @Test
  void surrogateInNoteTextRejected() {
    ValidatableResponse response =
        api()
            .queryParam("noteId", "surrogate")
            .body("{\"shortDescription\":\"" + SURROGATE + "\",\"attestation\":{}}")
            .post("/v1/projects/text/notes")
            .then();

    assertInvalid(response, "shortDescription", "U+D800");
  }

  @Test
  void nulInNotePatchRejected() {
    String note = createAttestationNote("text", "patched");

    ValidatableResponse response =
        api()
            .queryParam("updateMask", "shortDescription")
            .body("{\"shortDescription\":\"" + NUL + "\"}")
            .patch("/v1/" + note)
            .then();

    assertInvalid(response, "shortDescription", "U+0000 (NUL)");
  }

  @Test
  void surrogateInOccurrencePatchRejected() {
    String name =
        api()
            .body(occurrence(IMAGE, "key-1"))
            .post(OCCURRENCES)
            .then()
            .statusCode(200)
            .extract()
            .path("name");

    ValidatableResponse response =
        api()
            .queryParam("updateMask", "remediation")
            .body("{\"remediation\":\"" + SURROGATE + "\"}")
            .patch("/v1/" + name)
            .then();

    assertInvalid(response, "remediation", "U+D800");
  }

  @Test
  void nulInFieldNameRejected() {
    assertInvalid(post("{\"a" + NUL + "\":1}"), "the field name a", "U+0000 (NUL)");
  }

  @Test
  void nulInFilterRejected() {
    ValidatableResponse response =
        api().queryParam("filter", "resourceUri=\"\u0000\"").get(OCCURRENCES).then();

    assertInvalid(response, "filter at position 14", "U+0000 (NUL)");
  }

  /**
   * A URL cannot carry an unpaired surrogate, since its UTF-8 form is invalid and the server
   * decodes it as U+FFFD, so the parser is called directly, as the gRPC list methods do.
   */
  @Test
  void surrogateInFilterRejected() {
    assertThatThrownBy(() -> FilterParser.parse("shortDescription=\"\uD800\""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Invalid filter at position 19")
        .hasMessageContaining("U+D800");
  }

  @Test
  void storedTextFindsFirstInvalid() {
    assertThat(StoredText.firstInvalidIndex("plain")).isEqualTo(-1);
    assertThat(StoredText.firstInvalidIndex("a\u0000b")).isEqualTo(1);
    assertThat(StoredText.firstInvalidIndex("ab\uD800")).isEqualTo(2);
    assertThat(StoredText.firstInvalidIndex("\uDC00")).isZero();
    assertThat(StoredText.firstInvalidIndex("\uD83D\uDD11")).isEqualTo(-1);
    assertThat(StoredText.firstInvalidIndex("\uD800x")).isZero();
  }

  private static String occurrence(String resourceUri, String publicKeyId) {
    return "{\"resourceUri\":\""
        + resourceUri
        + "\",\"noteName\":\"projects/text/notes/qa\","
        + "\"attestation\":{\"serializedPayload\":\"e30=\","
        + "\"signatures\":[{\"signature\":\"c2ln\",\"publicKeyId\":\""
        + publicKeyId
        + "\"}]}}";
  }

  private static ValidatableResponse post(String body) {
    return api().body(body).post(OCCURRENCES).then();
  }

  private static void assertInvalid(
      ValidatableResponse response, String location, String character) {
    response
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("Invalid " + location))
        .body("error.message", containsString(character));
  }
}
