package dev.custos.audit.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.AuditDatabaseResource;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AuditLog;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/log/search} and {@code GET /v1/log/counts} over entries appended by AuditLog. */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class SearchApiTest {
  private static final String READER_TOKEN = "custos-dev-reader-token";
  private static final String EXPORTER_TOKEN = "custos-dev-exporter-token";
  private static final String DECISION = "dev.custos.admission.decision";
  private static final String PUSHED = "dev.custos.registry.image.pushed";
  private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final AtomicInteger NEXT = new AtomicInteger();

  @Inject AuditLog auditLog;

  @Test
  void searchByDigestFindsEveryImageOfDecision() {
    String namespace = namespace();
    String first = digest("a1");
    String second = digest("b2");
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("breakglass", false);
    data.putArray("images").addObject().put("image", "r/one@" + first).put("digest", first);
    data.withArray("images").addObject().put("image", "r/two@" + second).put("digest", second);
    append(builder(namespace, DECISION).decision("denied").data(data).build());
    append(builder(namespace, PUSHED).digest(second).image("r/two").build());
    append(builder(namespace, PUSHED).digest(first).image("r/one").build());

    List<Map<String, Object>> found = search(Map.of("digest", second, "namespace", namespace));

    assertThat(found).hasSize(2);
    assertThat((String) found.get(0).get("entry")).contains("\"type\":\"" + DECISION + "\"");
    assertThat((String) found.get(1).get("entry")).contains("\"image\":\"r/two\"");
  }

  @Test
  void searchFiltersCombine() {
    String namespace = namespace();
    append(builder(namespace, DECISION).decision("denied").time(BASE.plusSeconds(10)).build());
    append(builder(namespace, DECISION).decision("allowed").time(BASE.plusSeconds(20)).build());
    append(
        builder(namespace, PUSHED)
            .image("registry.example/app")
            .time(BASE.plusSeconds(30))
            .build());
    append(builder(namespace, DECISION).decision("denied").time(BASE.plusSeconds(40)).build());

    assertThat(search(Map.of("namespace", namespace))).hasSize(4);
    assertThat(search(Map.of("namespace", namespace, "type", DECISION))).hasSize(3);
    assertThat(search(Map.of("namespace", namespace, "decision", "denied"))).hasSize(2);
    assertThat(search(Map.of("namespace", namespace, "image", "registry.example/app"))).hasSize(1);
    assertThat(
            search(
                Map.of(
                    "namespace", namespace,
                    "since", BASE.plusSeconds(20).toString(),
                    "until", BASE.plusSeconds(40).toString())))
        .hasSize(2);
    assertThat(search(Map.of("namespace", "no-such-namespace-" + namespace))).isEmpty();
  }

  @Test
  void searchByBreakglass() {
    String namespace = namespace();
    append(
        builder(namespace, DECISION)
            .decision("allowed")
            .data(JsonNodeFactory.instance.objectNode().put("breakglass", true))
            .build());
    append(
        builder(namespace, DECISION)
            .decision("allowed")
            .data(JsonNodeFactory.instance.objectNode().put("breakglass", false))
            .build());
    // A field of the same name in another event type is not a breakglass admission.
    append(
        builder(namespace, PUSHED)
            .data(JsonNodeFactory.instance.objectNode().put("breakglass", true))
            .build());

    List<Map<String, Object>> found = search(Map.of("namespace", namespace, "breakglass", "true"));

    assertThat(found).hasSize(1);
    assertThat((String) found.get(0).get("entry")).contains("\"breakglass\":true");
    assertThat(search(Map.of("namespace", namespace, "breakglass", "false"))).hasSize(2);
  }

  @Test
  void pagesFollowLeafOrderWithoutGaps() {
    String namespace = namespace();
    List<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      entries.add(builder(namespace, DECISION).decision("allowed").build());
    }
    auditLog.append(entries);

    List<Long> ascending = pageThrough(namespace, "asc", 10);
    List<Long> descending = pageThrough(namespace, "desc", 10);

    assertThat(ascending).hasSize(25).isSorted().doesNotHaveDuplicates();
    List<Long> reversed = new ArrayList<>(ascending);
    Collections.reverse(reversed);
    assertThat(descending).containsExactlyElementsOf(reversed);
  }

  @Test
  void pageUnaffectedByLaterAppends() {
    String namespace = namespace();
    for (int i = 0; i < 4; i++) {
      append(builder(namespace, DECISION).decision("allowed").build());
    }
    JsonPath first = searchPage(Map.of("namespace", namespace, "pageSize", "2"));
    append(builder(namespace, DECISION).decision("allowed").build());

    JsonPath second =
        searchPage(
            Map.of(
                "namespace",
                namespace,
                "pageSize",
                "2",
                "pageToken",
                first.getString("nextPageToken")));
    JsonPath third =
        searchPage(
            Map.of(
                "namespace",
                namespace,
                "pageSize",
                "2",
                "pageToken",
                second.getString("nextPageToken")));

    assertThat(second.getList("entries.leafIndex", Long.class).get(0))
        .isGreaterThan(first.getList("entries.leafIndex", Long.class).get(1));
    assertThat(third.getList("entries")).hasSize(1);
    assertThat(third.getString("nextPageToken")).isNull();
  }

  @Test
  void pageTokenOfOtherSearchRejected() {
    String namespace = namespace();
    append(builder(namespace, DECISION).decision("allowed").build());
    append(builder(namespace, DECISION).decision("allowed").build());
    String token =
        searchPage(Map.of("namespace", namespace, "pageSize", "1")).getString("nextPageToken");

    reader()
        .queryParam("namespace", namespace)
        .queryParam("type", DECISION)
        .queryParam("pageToken", token)
        .get("/v1/log/search")
        .then()
        .statusCode(400)
        .body("parameter", equalTo("pageToken"))
        .body("detail", containsString("other conditions"));
  }

  @ParameterizedTest
  @CsvSource({
    "digest=sha256, digest",
    "image=a%01b, image",
    "since=yesterday, since",
    "until=2026-13-01T00:00:00Z, until",
    "since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z, until",
    "since=2026-12-01T00:00:00Z&until=2026-12-01T00:00:00Z, until",
    "pageSize=0, pageSize",
    "pageSize=1001, pageSize",
    "pageSize=ten, pageSize",
    "order=newest, order",
    "breakglass=yes, breakglass",
    "pageToken=not-a-token, pageToken",
    "pageToken=djE6MTI, pageToken",
  })
  void invalidSearchRejected(String query, String parameter) {
    reader()
        .urlEncodingEnabled(false)
        .get("/v1/log/search?" + query)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("parameter", equalTo(parameter));
  }

  @Test
  void countsByBucketTypeAndDecision() {
    Instant day = Instant.parse("2026-10-01T00:00:00Z");
    String namespace = namespace();
    append(builder(namespace, DECISION).decision("denied").time(day.plusSeconds(60)).build());
    append(builder(namespace, DECISION).decision("denied").time(day.plusSeconds(120)).build());
    append(builder(namespace, DECISION).decision("allowed").time(day.plusSeconds(4000)).build());
    append(builder(namespace, PUSHED).time(day.plusSeconds(4000)).build());

    JsonPath counts =
        reader()
            .queryParam("since", day.toString())
            .queryParam("until", day.plusSeconds(3 * 3600).toString())
            .queryParam("bucket", "hour")
            .get("/v1/log/counts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<Map<String, Object>> rows = counts.getList("counts");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0))
        .containsEntry("start", "2026-10-01T00:00:00Z")
        .containsEntry("type", DECISION)
        .containsEntry("decision", "denied")
        .containsEntry("count", 2);
    assertThat(rows.get(1))
        .containsEntry("start", "2026-10-01T01:00:00Z")
        .containsEntry("decision", "allowed")
        .containsEntry("count", 1);
    assertThat(rows.get(2)).containsEntry("type", PUSHED).containsEntry("decision", null);
  }

  @ParameterizedTest
  @CsvSource({
    "bucket=week, bucket",
    "since=2020-01-01T00:00:00Z&until=2026-01-01T00:00:00Z&bucket=hour, since",
    "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z, until",
    "until=now, until",
  })
  void invalidCountsRejected(String query, String parameter) {
    reader()
        .get("/v1/log/counts?" + query)
        .then()
        .statusCode(400)
        .body("parameter", equalTo(parameter));
  }

  @ParameterizedTest
  @CsvSource({"/v1/log/search?type=x", "/v1/log/counts"})
  void searchNeedsReaderToken(String url) {
    given().get(url).then().statusCode(401).header("WWW-Authenticate", "Bearer");
    given().auth().oauth2("wrong-token").get(url).then().statusCode(401);
    given()
        .auth()
        .oauth2(EXPORTER_TOKEN)
        .get(url)
        .then()
        .statusCode(403)
        .body("detail", containsString("reader"));
  }

  private List<Long> pageThrough(String namespace, String order, int pageSize) {
    List<Long> indexes = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Map<String, String> query =
          new HashMap<>(Map.of("namespace", namespace, "order", order, "pageSize", "" + pageSize));
      if (token != null) {
        query.put("pageToken", token);
      }
      JsonPath page = searchPage(query);
      indexes.addAll(page.getList("entries.leafIndex", Long.class));
      token = page.getString("nextPageToken");
      pages++;
    } while (token != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    return indexes;
  }

  private static List<Map<String, Object>> search(Map<String, String> query) {
    return searchPage(query).getList("entries");
  }

  private static JsonPath searchPage(Map<String, String> query) {
    return reader()
        .queryParams(query)
        .get("/v1/log/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void append(LogEntry entry) {
    auditLog.append(List.of(entry));
  }

  private static LogEntry.Builder builder(String namespace, String type) {
    int n = NEXT.incrementAndGet();
    return LogEntry.builder()
        .eventId("search-event-" + n)
        .eventType(type)
        .source("/custos/test")
        .time(BASE.plusSeconds(n))
        .namespace(namespace)
        .name("workload-" + n);
  }

  private static String namespace() {
    return "search-ns-" + NEXT.incrementAndGet();
  }

  private static String digest(String prefix) {
    return "sha256:" + prefix + "0".repeat(64 - prefix.length());
  }

  private static RequestSpecification reader() {
    return given().auth().oauth2(READER_TOKEN);
  }
}
