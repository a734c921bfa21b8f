package dev.custos.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.registry.ImagePushed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventJson json = new EventJson();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleReadsBackEqual(EventType type) {
    CustosEvent sample = EventSamples.sample(type);

    CustosEvent read = json.read(type, json.write(sample));

    assertThat(read).isEqualTo(sample);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleValidatesAgainstSchema(EventType type) throws IOException {
    byte[] data = json.write(EventSamples.sample(type));

    assertThat(EventSchemas.validate(type, MAPPER.readTree(data))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void newerProducerFieldIsIgnored(EventType type) throws IOException {
    CustosEvent sample = EventSamples.sample(type);
    ObjectNode newer = (ObjectNode) MAPPER.readTree(json.write(sample));
    newer.put("addedByNewerProducer", "ignored");
    newer.putObject("nestedAddition").put("level", 2);

    CustosEvent read = json.read(type, MAPPER.writeValueAsBytes(newer));

    assertThat(read).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("dev.custos.events.EventSchemas#requiredFields")
  void missingRequiredFieldNamesField(EventType type, String field) throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(type)));
    document.remove(field);
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(type, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining(type.type())
        .hasMessageContaining(field);
  }

  @ParameterizedTest
  @MethodSource("dev.custos.events.EventSchemas#requiredFields")
  void nullRequiredFieldNamesField(EventType type, String field) throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.sample(type)));
    document.putNull(field);
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(type, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining(field);
  }

  @Test
  void absentOptionalFieldIsLeftOut() throws IOException {
    ImagePushed sample = EventSamples.imagePushed();
    ImagePushed byDigest =
        new ImagePushed(
            sample.registry(),
            sample.repository(),
            null,
            sample.digest(),
            sample.mediaType(),
            sample.size(),
            sample.pushedAt(),
            null,
            sample.registryEventId(),
            List.of());

    JsonNode written = MAPPER.readTree(json.write(byDigest));

    assertThat(written.has("tag")).isFalse();
    assertThat(written.has("actor")).isFalse();
    assertThat(written.get("platformManifestDigests").isArray()).isTrue();
    assertThat(EventSchemas.validate(EventType.IMAGE_PUSHED, written)).isEmpty();
    assertThat(json.read(EventType.IMAGE_PUSHED, json.write(byDigest))).isEqualTo(byDigest);
  }

  @Test
  void instantIsWrittenAsIso8601() throws IOException {
    JsonNode written = MAPPER.readTree(json.write(EventSamples.imagePushed()));

    assertThat(written.get("pushedAt").asText()).isEqualTo("2025-03-04T10:15:30.123456Z");
  }

  @Test
  void keyIsNotWrittenAsField() throws IOException {
    JsonNode written = MAPPER.readTree(json.write(EventSamples.imagePushed()));

    assertThat(written.has("key")).isFalse();
  }

  @Test
  void malformedJsonNamesEventType() {
    byte[] data = "{\"registry\": ".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("dev.custos.registry.image.pushed")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void trailingDataIsRejected() throws IOException {
    String document = new String(json.write(EventSamples.imagePushed()), StandardCharsets.UTF_8);
    byte[] data = (document + " {}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("dev.custos.registry.image.pushed")
        .hasMessageContaining("Trailing token")
        .hasMessageNotContaining("must be a JSON object");
  }

  @Test
  void emptyDataIsRejected() {
    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, new byte[0]))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("data is empty");
  }

  @Test
  void jsonNullIsRejected() {
    byte[] data = "null".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("data is the JSON literal null");
  }

  @Test
  void jsonArrayIsRejected() {
    byte[] data = "[1, 2]".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith(
            "Invalid dev.custos.registry.image.pushed event: data must be a JSON object");
  }

  @Test
  void missingPrimitiveIsRequired() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.imagePushed()));
    document.remove("size");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("Invalid dev.custos.registry.image.pushed event: size is required");
  }

  @Test
  void nullBooleanIsRequired() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.admissionDecided()));
    document.putNull("breakglass");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.ADMISSION_DECIDED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("Invalid dev.custos.admission.decision event: breakglass is required");
  }

  @Test
  void numberAsStringIsRejected() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.imagePushed()));
    document.put("size", "1609");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("size");
  }

  @Test
  void invalidDigestNamesField() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.imagePushed()));
    document.put("digest", "sha256:abc");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.IMAGE_PUSHED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith(
            "Invalid dev.custos.registry.image.pushed event: digest is not a valid digest:"
                + " invalid digest \"sha256:abc\"");
  }

  @Test
  void invalidNestedValueNamesPath() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.admissionDecided()));
    ((ObjectNode) document.get("images").get(1)).put("verdict", "MAYBE");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.ADMISSION_DECIDED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("MAYBE")
        .hasMessageContaining("$.images[1].verdict");
  }

  @Test
  void nestedRecordRejectionNamesPath() throws IOException {
    ObjectNode document = (ObjectNode) MAPPER.readTree(json.write(EventSamples.admissionDecided()));
    ((ObjectNode) document.get("images").get(0)).remove("reason");
    byte[] data = MAPPER.writeValueAsBytes(document);

    assertThatThrownBy(() -> json.read(EventType.ADMISSION_DECIDED, data))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("reason is required")
        .hasMessageContaining("$.images[0]");
  }

  @Test
  void unknownOccurrenceKindReadsAsUnspecified() throws IOException {
    ObjectNode document =
        (ObjectNode)
            MAPPER.readTree(json.write(EventSamples.occurrenceCreated(OccurrenceKind.BUILD)));
    document.put("kind", "KIND_FROM_A_NEWER_GRAFEAS");

    OccurrenceCreated read = json.read(OccurrenceCreated.class, MAPPER.writeValueAsBytes(document));

    assertThat(read.kind()).isEqualTo(OccurrenceKind.NOTE_KIND_UNSPECIFIED);
  }

  @Test
  void readByClassReturnsThatClass() {
    AdmissionDecided sample = EventSamples.admissionDecided();

    AdmissionDecided read = json.read(AdmissionDecided.class, json.write(sample));

    assertThat(read).isEqualTo(sample);
  }

  @Test
  void exceptionCarriesEventType() {
    byte[] data = "{}".getBytes(StandardCharsets.UTF_8);

    EventFormatException thrown =
        catchThrowableOfType(
            EventFormatException.class, () -> json.read(EventType.AUDIT_ENTRY_APPENDED, data));

    assertThat(thrown.eventType()).contains("dev.custos.audit.entry");
  }
}
