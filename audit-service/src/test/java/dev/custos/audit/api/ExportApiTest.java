package dev.custos.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/log/export} as JSON lines and CSV, over entries appended by AuditLog. */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class ExportApiTest {
  private static final String READER_TOKEN = "custos-dev-reader-token";
  private static final String EXPORTER_TOKEN = "custos-dev-exporter-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger NEXT = new AtomicInteger();

  @Inject AuditLog auditLog;

  @Test
  void jsonLinesRecomputeRoot() throws Exception {
    append(1200);
    long size = auditLog.size();

    Response response = exporter().get("/v1/log/export?start=0&end=" + (size - 1));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/jsonl");
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"custos-audit-0-" + (size - 1) + ".jsonl\"");
    // Streamed: the length is not known when the response starts.
    assertThat(response.header("Content-Length")).isNull();
    String[] lines = response.asString().split("\n");
    assertThat(lines).hasSize((int) size);
    List<byte[]> leafHashes = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      JsonNode line = JSON.readTree(lines[i]);
      assertThat(line.size()).isEqualTo(3);
      assertThat(line.get("leafIndex").asLong()).isEqualTo(i);
      byte[] entry = Base64.getDecoder().decode(line.get("entry").asText());
      byte[] leafHash = Rfc6962Hasher.leafHash(entry);
      assertThat(HexFormat.of().formatHex(leafHash)).isEqualTo(line.get("leafHash").asText());
      leafHashes.add(leafHash);
    }
    MerkleTree recomputed = new MerkleTree(new InMemoryHashStore());
    recomputed.append(leafHashes);
    assertThat(recomputed.root()).isEqualTo(auditLog.tree().root(size));
  }

  @Test
  void jsonLinesOfInnerRange() throws Exception {
    append(5);
    long last = auditLog.size() - 1;

    String body =
        exporter()
            .get("/v1/log/export?format=jsonl&start=" + (last - 2) + "&end=" + last)
            .asString();

    String[] lines = body.split("\n");
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[0]).get("leafIndex").asLong()).isEqualTo(last - 2);
    assertThat(JSON.readTree(lines[2]).get("leafIndex").asLong()).isEqualTo(last);
  }

  @Test
  void csvQuotesEntryText() {
    append(3);
    long last = auditLog.size() - 1;

    Response response =
        exporter().get("/v1/log/export?format=csv&start=" + (last - 2) + "&end=" + last);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/csv");
    String[] records = response.asString().split("\r\n");
    assertThat(records).hasSize(4);
    assertThat(records[0]).isEqualTo(ExportResource.CSV_HEADER);
    List<String> fields = parseCsvRecord(records[3]);
    assertThat(fields).hasSize(12);
    assertThat(fields.get(0)).isEqualTo(String.valueOf(last));
    assertThat(fields.get(3)).isEqualTo("dev.custos.admission.decision");
    assertThat(fields.get(5)).isEqualTo("2026-12-04T12:00:00Z");
    assertThat(fields.get(8)).isEqualTo("export-ns");
    assertThat(fields.get(10)).isEqualTo("denied");
    byte[] entry = fields.get(11).getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(Rfc6962Hasher.leafHash(entry))).isEqualTo(fields.get(1));
    assertThat(fields.get(11)).contains("\"reason\":\"denied, \\\"by\\\" policy\"");
  }

  @ParameterizedTest
  @CsvSource({
    "start=0, end",
    "end=0, start",
    "start=a&end=0, start",
    "start=-1&end=0, start",
    "start=2&end=1, end",
    "start=0&end=100000000, end",
    "start=0&end=0&format=xml, format",
    "start=0&end=0&format=JSONL, format",
  })
  void invalidExportRejected(String query, String parameter) {
    append(1);

    exporter()
        .get("/v1/log/export?" + query)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("parameter", equalTo(parameter));
  }

  @Test
  void endBeyondTreeNamesLastEntry() {
    append(1);
    long size = auditLog.size();

    exporter()
        .get("/v1/log/export?start=0&end=" + size)
        .then()
        .statusCode(400)
        .body("detail", containsString("the last entry is " + (size - 1)));
  }

  @Test
  void exportNeedsExporterToken() {
    append(1);
    String url = "/v1/log/export?start=0&end=0";

    given().get(url).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    given().auth().oauth2("wrong-token").get(url).then().statusCode(401);
    given()
        .auth()
        .oauth2(READER_TOKEN)
        .get(url)
        .then()
        .statusCode(403)
        .body("detail", containsString("exporter"));
  }

  /** Splits one RFC 4180 record into its fields. */
  private static List<String> parseCsvRecord(String record) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private void append(int count) {
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = NEXT.incrementAndGet();
      entries.add(
          LogEntry.builder()
              .eventId("export-event-" + n)
              .eventType("dev.custos.admission.decision")
              .source("/custos/admission-service")
              .time(Instant.parse("2026-12-04T12:00:00Z"))
              .namespace("export-ns")
              .name("deploy-" + n)
              .decision("denied")
              .reason("denied, \"by\" policy")
              .data(JsonNodeFactory.instance.objectNode().put("sequence", n))
              .build());
    }
    auditLog.append(entries);
  }

  private static RequestSpecification exporter() {
    return given().auth().oauth2(EXPORTER_TOKEN);
  }
}
