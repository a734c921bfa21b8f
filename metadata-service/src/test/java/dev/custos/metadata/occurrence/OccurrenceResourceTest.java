package dev.custos.metadata.occurrence;

import static dev.custos.metadata.GrafeasApi.api;
import static dev.custos.metadata.GrafeasApi.createAttestationNote;
import static dev.custos.metadata.GrafeasApi.ensureProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import dev.custos.events.EventJson;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.metadata.OccurrenceUpdated;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class OccurrenceResourceTest {
  private static final String OCCURRENCES = "/v1/projects/p/occurrences";
  private static final String IMAGE =
      "https://registry.example.com/team/app@sha256:"
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String NAME_PATTERN =
      "projects/p/occurrences/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String CLEAR_SIGNED =
      "-----BEGIN PGP SIGNED MESSAGE-----\n"
          + "Hash: SHA256\n\n"
          + "{\"critical\":{\"identity\":{\"docker-reference\":\"registry.example.com/team/app\"}}}\n"
          + "-----BEGIN PGP SIGNATURE-----\n\n"
          + "iQEzBAEBCAAdFiEEexample\n=abcd\n"
          + "-----END PGP SIGNATURE-----\n";

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  private final EventJson eventJson = new EventJson();

  @BeforeEach
  void createProjectsAndNote() {
    ensureProject("p");
    ensureProject("p2");
    api()
        .queryParam("noteId", "qa")
        .body("{\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}")
        .post("/v1/projects/p/notes");
  }

  private static String attestationBody(String resourceUri) {
    return "{\"resourceUri\":\""
        + resourceUri
        + "\",\"noteName\":\"projects/p/notes/qa\","
        + "\"attestation\":{\"serializedPayload\":\"e30=\","
        + "\"signatures\":[{\"signature\":\"c2ln\",\"publicKeyId\":\"key-1\"}]}}";
  }

  private static String createAttestation(String projectId, String resourceUri) {
    return api()
        .body(attestationBody(resourceUri))
        .post("/v1/projects/" + projectId + "/occurrences")
        .then()
        .statusCode(200)
        .extract()
        .path("name");
  }

  private static String idOf(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  @Test
  void createGeneratesNameAndKind() {
    api()
        .body(attestationBody(IMAGE))
        .post(OCCURRENCES)
        .then()
        .statusCode(200)
        .body("name", matchesPattern(NAME_PATTERN))
        .body("kind", equalTo("ATTESTATION"))
        .body("resourceUri", equalTo(IMAGE))
        .body("noteName", equalTo("projects/p/notes/qa"))
        .body("attestation.serializedPayload", equalTo("e30="))
        .body("attestation.signatures[0].signature", equalTo("c2ln"))
        .body("attestation.signatures[0].publicKeyId", equalTo("key-1"))
        .body("createTime", notNullValue())
        .body("updateTime", notNullValue());
  }

  @Test
  void getReturnsStoredOccurrence() {
    String name = createAttestation("p", IMAGE);

    api()
        .get(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("kind", equalTo("ATTESTATION"))
        .body("attestation.signatures[0].publicKeyId", equalTo("key-1"));
  }

  @Test
  void kindDerivedFromVulnerability() {
    api()
        .queryParam("noteId", "CVE-2024-0002")
        .body("{\"vulnerability\":{\"severity\":\"CRITICAL\"}}")
        .post("/v1/projects/p/notes")
        .then()
        .statusCode(200);

    api()
        .body(
            "{\"resourceUri\":\""
                + IMAGE
                + "\",\"noteName\":\"projects/p/notes/CVE-2024-0002\","
                + "\"vulnerability\":{\"severity\":\"CRITICAL\",\"cvssScore\":9.8,"
                + "\"packageIssue\":[{\"affectedPackage\":\"openssl\",\"fixAvailable\":true}]}}")
        .post(OCCURRENCES)
        .then()
        .statusCode(200)
        .body("kind", equalTo("VULNERABILITY"))
        .body("vulnerability.severity", equalTo("CRITICAL"))
        .body("vulnerability.packageIssue[0].fixAvailable", equalTo(true));
  }

  @Test
  void contradictingKindIsRejected() {
    api()
        .body(attestationBody(IMAGE).replaceFirst("\\{", "{\"kind\":\"VULNERABILITY\","))
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("Invalid kind VULNERABILITY"));
  }

  @Test
  void noteOfOtherKindIsRejected() {
    api()
        .body(
            "{\"resourceUri\":\""
                + IMAGE
                + "\",\"noteName\":\"projects/p/notes/qa\","
                + "\"vulnerability\":{\"severity\":\"LOW\"}}")
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("must have its note's kind"));
  }

  @Test
  void missingNoteStoresNothing() throws SQLException {
    String resourceUri = IMAGE + "-missing-note";

    api()
        .body(attestationBody(resourceUri).replace("notes/qa", "notes/absent"))
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("projects/p/notes/absent does not exist"));

    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", resourceUri))
        .isZero();
    assertThat(
            countRows("SELECT count(*) FROM outbox WHERE payload->>'resourceUri' = ?", resourceUri))
        .isZero();
  }

  @Test
  void malformedNoteNameIsRejected() {
    api()
        .body(attestationBody(IMAGE).replace("projects/p/notes/qa", "qa"))
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid noteName 'qa'"))
        .body("error.message", containsString("projects/{project}/notes/{note}"));
  }

  @Test
  void missingResourceUriIsRejected() {
    api()
        .body(attestationBody("").replace("\"resourceUri\":\"\",", ""))
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("resourceUri is required"));
  }

  @Test
  void unknownFieldIsNamed() {
    api()
        .body(attestationBody(IMAGE).replaceFirst("\\{", "{\"colour\":\"red\","))
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("colour"));
  }

  @Test
  void occurrenceIdWithSlashIsRejected() {
    api()
        .urlEncodingEnabled(false)
        .get(OCCURRENCES + "/a%2Fb")
        .then()
        .statusCode(400)
        .body("error.message", containsString("projects/{project}/occurrences/{occurrence}"));
  }

  @Test
  void legacyOccurrenceReadsAsV1() {
    String legacy =
        "{\"resourceUrl\":\""
            + IMAGE
            + "\",\"noteName\":\"projects/p/notes/qa\",\"kind\":\"ATTESTATION_AUTHORITY\","
            + "\"attestation\":{\"pgpSignedAttestation\":{\"signature\":"
            + quote(CLEAR_SIGNED)
            + ",\"contentType\":\"SIMPLE_SIGNING_JSON\",\"pgpKeyId\":\"8A2B1C3D4E5F6071\"}}}";
    String name =
        api().body(legacy).post(OCCURRENCES).then().statusCode(200).extract().path("name");

    JsonPath stored =
        api().get(OCCURRENCES + "/" + idOf(name)).then().statusCode(200).extract().jsonPath();

    assertThat(stored.getString("kind")).isEqualTo("ATTESTATION");
    assertThat(stored.getString("resourceUri")).isEqualTo(IMAGE);
    assertThat(stored.getString("resourceUrl")).isNull();
    assertThat(stored.getString("attestation.pgpSignedAttestation")).isNull();
    assertThat(stored.getString("attestation.serializedPayload")).isNull();
    assertThat(stored.getList("attestation.signatures")).hasSize(1);
    assertThat(stored.getString("attestation.signatures[0].publicKeyId"))
        .isEqualTo("8A2B1C3D4E5F6071");
    byte[] signature =
        Base64.getDecoder().decode(stored.getString("attestation.signatures[0].signature"));
    assertThat(new String(signature, StandardCharsets.UTF_8)).isEqualTo(CLEAR_SIGNED);
  }

  @Test
  void legacyAttestationWithoutSignatureIsRejected() {
    api()
        .body(
            "{\"resourceUrl\":\""
                + IMAGE
                + "\",\"noteName\":\"projects/p/notes/qa\","
                + "\"attestation\":{\"pgpSignedAttestation\":{\"pgpKeyId\":\"k\"}}}")
        .post(OCCURRENCES)
        .then()
        .statusCode(400)
        .body("error.message", containsString("pgpSignedAttestation.signature is required"));
  }

  @Test
  void listReturnsOnlyOwnProject() {
    String mine = createAttestation("p", IMAGE);
    String theirs = createAttestation("p2", IMAGE);

    api()
        .get(OCCURRENCES)
        .then()
        .statusCode(200)
        .body("occurrences.name", hasItem(mine))
        .body("occurrences.name", not(hasItem(theirs)));
  }

  @Test
  void otherProjectPathIsNotFound() {
    String name = createAttestation("p", IMAGE);
    String foreignPath = "/v1/projects/p2/occurrences/" + idOf(name);

    api().get(foreignPath).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
    api().delete(foreignPath).then().statusCode(404);

    api().get(OCCURRENCES + "/" + idOf(name)).then().statusCode(200);
  }

  @Test
  void deleteRemovesOccurrence() {
    String name = createAttestation("p", IMAGE);

    api().delete(OCCURRENCES + "/" + idOf(name)).then().statusCode(200).body(equalTo("{}"));

    api()
        .get(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(404)
        .body("error.message", equalTo("Occurrence " + name + " not found"));
    api().delete(OCCURRENCES + "/" + idOf(name)).then().statusCode(404);
  }

  @Test
  void referencedNoteCannotBeDeleted() {
    createAttestationNote("p", "in-use");
    api()
        .body(attestationBody(IMAGE).replace("notes/qa", "notes/in-use"))
        .post(OCCURRENCES)
        .then()
        .statusCode(200);

    api()
        .delete("/v1/projects/p/notes/in-use")
        .then()
        .statusCode(400)
        .body("error.status", equalTo("FAILED_PRECONDITION"))
        .body("error.message", containsString("referenced by 1 occurrences"));
    api().get("/v1/projects/p/notes/in-use").then().statusCode(200);
  }

  @Test
  void createWritesOutboxRow() throws SQLException {
    String name = createAttestation("p", IMAGE);

    List<OutboxRow> rows = outboxRows(name);

    assertThat(rows).hasSize(1);
    OutboxRow row = rows.get(0);
    assertThat(row.eventType()).isEqualTo("dev.custos.metadata.occurrence.created");
    OccurrenceCreated event = eventJson.read(OccurrenceCreated.class, row.payload());
    assertThat(event.occurrenceName()).isEqualTo(name);
    assertThat(event.kind()).isEqualTo(OccurrenceKind.ATTESTATION);
    assertThat(event.resourceUri()).isEqualTo(IMAGE);
    assertThat(event.noteName()).isEqualTo("projects/p/notes/qa");
    assertThat(event.occurrence().path("name").asText()).isEqualTo(name);
    assertThat(event.occurrence().path("attestation").path("signatures").size()).isEqualTo(1);
  }

  @Test
  void deleteWritesOutboxRow() throws SQLException {
    String name = createAttestation("p", IMAGE);
    api().delete(OCCURRENCES + "/" + idOf(name)).then().statusCode(200);

    List<OutboxRow> rows = outboxRows(name);

    assertThat(rows)
        .extracting(OutboxRow::eventType)
        .containsExactly(
            "dev.custos.metadata.occurrence.created", "dev.custos.metadata.occurrence.deleted");
    OccurrenceDeleted event = eventJson.read(OccurrenceDeleted.class, rows.get(1).payload());
    assertThat(event.occurrenceName()).isEqualTo(name);
    assertThat(event.kind()).isEqualTo(OccurrenceKind.ATTESTATION);
    assertThat(event.occurrence().path("resourceUri").asText()).isEqualTo(IMAGE);
  }

  @Test
  void rejectedDeleteWritesNoOutboxRow() throws SQLException {
    String name = createAttestation("p", IMAGE);

    api().delete("/v1/projects/p2/occurrences/" + idOf(name)).then().statusCode(404);

    assertThat(outboxRows(name))
        .extracting(OutboxRow::eventType)
        .containsExactly("dev.custos.metadata.occurrence.created");
  }

  @Test
  void storedColumnsMatchOccurrence() throws SQLException {
    String name = createAttestation("p2", IMAGE);

    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT project, note_name, note_project, resource_uri, kind,"
                    + " body->>'name' AS body_name FROM occurrences WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("project")).isEqualTo("projects/p2");
        assertThat(row.getString("note_name")).isEqualTo("projects/p/notes/qa");
        assertThat(row.getString("note_project")).isEqualTo("projects/p");
        assertThat(row.getString("resource_uri")).isEqualTo(IMAGE);
        assertThat(row.getString("kind")).isEqualTo("ATTESTATION");
        assertThat(row.getString("body_name")).isEqualTo(name);
      }
    }
  }

  @Test
  void createWithoutTokenIsUnauthenticated() {
    given()
        .body(attestationBody(IMAGE))
        .post(OCCURRENCES)
        .then()
        .statusCode(401)
        .body("error.status", equalTo("UNAUTHENTICATED"))
        .body("error.message", containsString("no bearer token"));
  }

  @ParameterizedTest
  @MethodSource("mutableOccurrenceFields")
  void patchChangesMaskedField(String mask, String body, String path, String expected) {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", mask)
        .body(body)
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(200)
        .body(path, equalTo(expected))
        .body("name", equalTo(name))
        .body("kind", equalTo("ATTESTATION"))
        .body("resourceUri", equalTo(IMAGE));
    api().get(OCCURRENCES + "/" + idOf(name)).then().body(path, equalTo(expected));
  }

  static Stream<Arguments> mutableOccurrenceFields() {
    return Stream.of(
        Arguments.of("remediation", "{\"remediation\":\"upgrade\"}", "remediation", "upgrade"),
        Arguments.of(
            "attestation",
            "{\"attestation\":{\"serializedPayload\":\"e30K\"}}",
            "attestation.serializedPayload",
            "e30K"),
        Arguments.of(
            "envelope",
            "{\"envelope\":{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\"}}",
            "envelope.payloadType",
            "application/vnd.in-toto+json"),
        Arguments.of(
            "attestation.signatures",
            "{\"attestation\":{\"signatures\":[{\"signature\":\"bmV3\",\"publicKeyId\":\"key-2\"}]}}",
            "attestation.signatures[0].publicKeyId",
            "key-2"));
  }

  @Test
  void nestedPathKeepsSiblings() {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", "attestation.signatures")
        .body(
            "{\"attestation\":{\"signatures\":[{\"signature\":\"bmV3\",\"publicKeyId\":\"k2\"}]}}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(200)
        .body("attestation.serializedPayload", equalTo("e30="))
        .body("attestation.signatures.size()", equalTo(1))
        .body("attestation.signatures[0].publicKeyId", equalTo("k2"));
  }

  @Test
  void unknownMaskPathIsNamed() {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", "remediation,attestation.nope")
        .body("{\"remediation\":\"upgrade\"}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(400)
        .body("error.status", equalTo("INVALID_ARGUMENT"))
        .body("error.message", containsString("\"attestation.nope\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "resourceUri", "noteName", "kind", "createTime", "updateTime"})
  void immutableMaskPathIsRejected(String field) throws SQLException {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", field)
        .body("{}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(400)
        .body("error.message", containsString("\"" + field + "\" is immutable"));
    assertThat(outboxRows(name)).hasSize(1);
  }

  @Test
  void noMaskReplacesBodyFields() {
    String name = createAttestation("p", IMAGE);

    api()
        .body("{\"resourceUri\":\"" + IMAGE + "\",\"remediation\":\"upgrade\"}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(200)
        .body("remediation", equalTo("upgrade"))
        .body("attestation.serializedPayload", equalTo("e30="));
  }

  @Test
  void noMaskResourceChangeIsRejected() {
    String name = createAttestation("p", IMAGE);

    api()
        .body("{\"resourceUri\":\"https://registry.example.com/other@sha256:00\"}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid resourceUri: the field is immutable"));
    api().get(OCCURRENCES + "/" + idOf(name)).then().body("resourceUri", equalTo(IMAGE));
  }

  @Test
  void detailSwitchIsRejected() {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", "vulnerability.severity")
        .body("{\"vulnerability\":{\"severity\":\"LOW\"}}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(400)
        .body("error.message", containsString("Invalid kind ATTESTATION"));
  }

  @Test
  void patchOtherProjectIsNotFound() {
    String name = createAttestation("p", IMAGE);

    api()
        .queryParam("updateMask", "remediation")
        .body("{\"remediation\":\"upgrade\"}")
        .patch("/v1/projects/p2/occurrences/" + idOf(name))
        .then()
        .statusCode(404);
  }

  @Test
  void updateWritesOutboxRow() throws SQLException {
    String name = createAttestation("p", IMAGE);
    String created = api().get(OCCURRENCES + "/" + idOf(name)).then().extract().path("updateTime");

    api()
        .queryParam("updateMask", "remediation")
        .body("{\"remediation\":\"upgrade\"}")
        .patch(OCCURRENCES + "/" + idOf(name))
        .then()
        .statusCode(200)
        .body("updateTime", not(equalTo(created)));

    List<OutboxRow> rows = outboxRows(name);
    assertThat(rows)
        .extracting(OutboxRow::eventType)
        .containsExactly(
            "dev.custos.metadata.occurrence.created", "dev.custos.metadata.occurrence.updated");
    OccurrenceUpdated event = eventJson.read(OccurrenceUpdated.class, rows.get(1).payload());
    assertThat(event.occurrenceName()).isEqualTo(name);
    assertThat(event.kind()).isEqualTo(OccurrenceKind.ATTESTATION);
    assertThat(event.occurrence().path("remediation").asText()).isEqualTo("upgrade");
  }

  @Test
  void batchCreateWritesOutboxRows() throws SQLException {
    String image = IMAGE + "-batch";
    String body =
        "{\"occurrences\":["
            + attestationBody(image)
            + ","
            + attestationBody(image)
            + ","
            + attestationBody(image)
            + "]}";

    List<String> names =
        batchCreate(body).then().statusCode(200).extract().path("occurrences.name");

    assertThat(names).hasSize(3).allMatch(name -> name.matches(NAME_PATTERN));
    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", image))
        .isEqualTo(3);
    for (String name : names) {
      List<OutboxRow> rows = outboxRows(name);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).eventType()).isEqualTo("dev.custos.metadata.occurrence.created");
    }
  }

  @Test
  void batchMissingNoteStoresNothing() throws SQLException {
    String image = IMAGE + "-atomic";
    String missingNote = attestationBody(image).replace("notes/qa", "notes/absent");
    String body =
        "{\"occurrences\":["
            + attestationBody(image)
            + ","
            + missingNote
            + ","
            + attestationBody(image)
            + "]}";

    batchCreate(body)
        .then()
        .statusCode(400)
        .body("error.message", startsWith("occurrences[1]: Invalid noteName"));

    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", image))
        .isZero();
    assertThat(countRows("SELECT count(*) FROM outbox WHERE payload->>'resourceUri' = ?", image))
        .isZero();
  }

  @Test
  void batchBadKindIsNamed() throws SQLException {
    String image = IMAGE + "-kind";
    String badKind =
        attestationBody(image).replace("{\"resourceUri\"", "{\"kind\":\"BUILD\",\"resourceUri\"");

    batchCreate("{\"occurrences\":[" + attestationBody(image) + "," + badKind + "]}")
        .then()
        .statusCode(400)
        .body("error.message", startsWith("occurrences[1]: Invalid kind BUILD"));

    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", image))
        .isZero();
  }

  @Test
  void batchOfMaxSizeIsStored() throws SQLException {
    String image = IMAGE + "-max";

    batchCreate(batchOf(1000, image))
        .then()
        .statusCode(200)
        .body("occurrences.size()", equalTo(1000));

    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", image))
        .isEqualTo(1000);
    assertThat(countRows("SELECT count(*) FROM outbox WHERE payload->>'resourceUri' = ?", image))
        .isEqualTo(1000);
  }

  @Test
  void batchOverLimitIsRejected() throws SQLException {
    String image = IMAGE + "-over";

    batchCreate(batchOf(1001, image))
        .then()
        .statusCode(400)
        .body("error.message", containsString("maximum in one batch is 1000"));

    assertThat(countRows("SELECT count(*) FROM occurrences WHERE resource_uri = ?", image))
        .isZero();
  }

  private static String batchOf(int count, String resourceUri) {
    StringBuilder body = new StringBuilder("{\"occurrences\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",").append(attestationBody(resourceUri));
    }

    return body.append("]}").toString();
  }

  /** Posts to {@code occurrences:batchCreate} with the colon unencoded, as curl sends it. */
  private static Response batchCreate(String body) {
    return api().urlEncodingEnabled(false).body(body).post(OCCURRENCES + ":batchCreate");
  }

  private record OutboxRow(String eventType, byte[] payload, boolean published) {}

  private List<OutboxRow> outboxRows(String aggregateName) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT event_type, payload::text AS payload, published_at IS NOT NULL AS published"
                    + " FROM outbox WHERE aggregate_name = ? ORDER BY id")) {
      statement.setString(1, aggregateName);
      try (ResultSet rows = statement.executeQuery()) {
        List<OutboxRow> result = new ArrayList<>();
        while (rows.next()) {
          result.add(
              new OutboxRow(
                  rows.getString("event_type"),
                  rows.getString("payload").getBytes(StandardCharsets.UTF_8),
                  rows.getBoolean("published")));
        }
        return result;
      }
    }
  }

  private long countRows(String sql, String parameter) throws SQLException {
    try (Connection connection = infrastructure.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
