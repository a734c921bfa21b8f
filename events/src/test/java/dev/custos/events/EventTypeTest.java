package dev.custos.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.events.metadata.OccurrenceKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void fromTypeFindsEveryType(EventType type) {
    assertThat(EventType.fromType(type.type())).contains(type);
  }

  @Test
  void fromTypeRejectsUnknownType() {
    assertThat(EventType.fromType("dev.custos.registry.image.deleted")).isEmpty();
  }

  @Test
  void typeNamesAreUnique() {
    long distinct = Arrays.stream(EventType.values()).map(EventType::type).distinct().count();

    assertThat(distinct).isEqualTo(EventType.values().length);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void ofSampleReturnsItsType(EventType type) {
    assertThat(EventType.of(EventSamples.sample(type))).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void sampleHasItsRecordClass(EventType type) {
    assertThat(EventSamples.sample(type)).isInstanceOf(type.eventClass());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schemaResourceIsOnClassPath(EventType type) {
    assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void topicsAreTopicsConstants(EventType type) throws IllegalAccessException {
    assertThat(topicConstants()).containsAll(type.topics());
  }

  @Test
  void everyTopicHasAnEventType() throws IllegalAccessException {
    List<String> used =
        Arrays.stream(EventType.values()).flatMap(type -> type.topics().stream()).toList();

    assertThat(used).containsAll(topicConstants());
  }

  @Test
  void attestationGoesToBothTopics() {
    CustosEvent attestation = EventSamples.occurrenceCreated(OccurrenceKind.DSSE_ATTESTATION);

    assertThat(EventType.topicsFor(attestation))
        .containsExactly(Topics.METADATA_OCCURRENCES, Topics.METADATA_ATTESTATIONS);
  }

  @Test
  void vulnerabilityGoesToOccurrencesOnly() {
    CustosEvent vulnerability = EventSamples.occurrenceCreated(OccurrenceKind.VULNERABILITY);

    assertThat(EventType.topicsFor(vulnerability)).containsExactly(Topics.METADATA_OCCURRENCES);
  }

  @Test
  void decisionGoesToDecisionsTopic() {
    CustosEvent decision = EventSamples.admissionDecided();

    assertThat(EventType.topicsFor(decision)).containsExactly(Topics.ADMISSION_DECISIONS);
  }

  @Test
  void unlistedClassIsRejected() {
    CustosEvent unlisted = () -> "key";

    assertThatThrownBy(() -> EventType.of(unlisted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Custos event record listed in EventType");
  }

  private static List<String> topicConstants() throws IllegalAccessException {
    List<String> topics = new ArrayList<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        topics.add((String) field.get(null));
      }
    }

    return topics;
  }
}
