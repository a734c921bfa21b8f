package dev.custos.audit.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.EventType;
import dev.custos.events.cloudevents.CloudEventAttributes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogEntryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void decisionEntryCanonicalJson() throws Exception {
    LogEntry entry =
        LogEntry.builder()
            .eventId("e-1")
            .eventType("dev.custos.admission.decision")
            .source("/custos/admission-service")
            .time(Instant.parse("2026-12-04T10:15:30.250Z"))
            .digest(DIGEST)
            .image("registry.example/app@" + DIGEST)
            .namespace("shop")
            .name("checkout")
            .actor("system:serviceaccount:ci:deployer")
            .decision("denied")
            .reason("No matched signatures for container image: registry.example/app")
            .data(JSON.readTree("{\"allowed\": false, \"uid\": \"u-9\"}"))
            .build();

    String expected =
        "{\"actor\":\"system:serviceaccount:ci:deployer\","
            + "\"data\":{\"allowed\":false,\"uid\":\"u-9\"},"
            + "\"decision\":\"denied\","
            + "\"id\":\"e-1\","
            + "\"reason\":\"No matched signatures for container image: registry.example/app\","
            + "\"source\":\"/custos/admission-service\","
            + "\"subject\":{\"digest\":\""
            + DIGEST
            + "\",\"image\":\"registry.example/app@"
            + DIGEST
            + "\",\"name\":\"checkout\",\"namespace\":\"shop\"},"
            + "\"time\":\"2026-12-04T10:15:30.250Z\","
            + "\"type\":\"dev.custos.admission.decision\"}";
    assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void absentFieldsLeftOut() {
    LogEntry entry =
        LogEntry.builder().eventId("e-2").eventType("t").source("/s").digest(DIGEST).build();

    ObjectNode json = entry.toJson();

    assertThat(json.has("time")).isFalse();
    assertThat(json.has("actor")).isFalse();
    assertThat(json.has("decision")).isFalse();
    assertThat(json.has("reason")).isFalse();
    assertThat(json.get("subject").size()).isEqualTo(1);
    assertThat(json.get("data").isNull()).isTrue();
  }

  @Test
  void emptySubjectLeftOut() {
    LogEntry entry = LogEntry.builder().eventId("e-3").eventType("t").source("/s").build();

    assertThat(entry.toJson().has("subject")).isFalse();
  }

  @Test
  void attributesFillIdTypeSourceTime() {
    CloudEventAttributes attributes =
        new CloudEventAttributes(
            "push-7",
            EventType.IMAGE_PUSHED,
            URI.create("/custos/signer-service"),
            Instant.parse("2026-12-04T09:00:00Z"),
            null);

    LogEntry entry = LogEntry.builder(attributes).digest(DIGEST).build();

    assertThat(entry.eventId()).isEqualTo("push-7");
    assertThat(entry.eventType()).isEqualTo("dev.custos.registry.image.pushed");
    assertThat(entry.source()).isEqualTo("/custos/signer-service");
    assertThat(entry.toJson().get("time").asText()).isEqualTo("2026-12-04T09:00:00Z");
  }

  @Test
  void missingEventIdRejected() {
    assertThatThrownBy(() -> LogEntry.builder().eventType("t").source("/s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventId is missing");
  }

  @Test
  void dataCopiedAtBuild() {
    ObjectNode data = JSON.createObjectNode().put("k", 1);
    LogEntry entry =
        LogEntry.builder().eventId("e-4").eventType("t").source("/s").data(data).build();
    byte[] before = entry.canonicalBytes();

    data.put("k", 2);

    assertThat(entry.canonicalBytes()).isEqualTo(before);
  }
}
