package dev.custos.events;

import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.audit.AuditEntryAppended;
import dev.custos.events.audit.CheckpointPublished;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceEvent;
import dev.custos.events.metadata.OccurrenceUpdated;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.SigningRefused;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Custos event type: its CloudEvents {@code type} attribute, its record class, the topics it
 * is published on and its JSON Schema. A consumer finds the record class from the {@code ce_type}
 * header with {@link #fromType}.
 */
public enum EventType {
  IMAGE_PUSHED("dev.custos.registry.image.pushed", ImagePushed.class, Topics.REGISTRY_PUSHES),
  OCCURRENCE_CREATED(
      "dev.custos.metadata.occurrence.created",
      OccurrenceCreated.class,
      Topics.METADATA_OCCURRENCES,
      Topics.METADATA_ATTESTATIONS),
  OCCURRENCE_UPDATED(
      "dev.custos.metadata.occurrence.updated",
      OccurrenceUpdated.class,
      Topics.METADATA_OCCURRENCES,
      Topics.METADATA_ATTESTATIONS),
  OCCURRENCE_DELETED(
      "dev.custos.metadata.occurrence.deleted",
      OccurrenceDeleted.class,
      Topics.METADATA_OCCURRENCES,
      Topics.METADATA_ATTESTATIONS),
  IMAGE_SIGNED("dev.custos.signer.image.signed", ImageSigned.class, Topics.SIGNER_OUTCOMES),
  SIGNING_REFUSED(
      "dev.custos.signer.signing.refused", SigningRefused.class, Topics.SIGNER_OUTCOMES),
  ADMISSION_DECIDED(
      "dev.custos.admission.decision", AdmissionDecided.class, Topics.ADMISSION_DECISIONS),
  ADMITTED_WORKLOAD_REVOKED(
      "dev.custos.admission.workload.revoked",
      AdmittedWorkloadRevoked.class,
      Topics.ADMISSION_REVOKED),
  AUDIT_ENTRY_APPENDED("dev.custos.audit.entry", AuditEntryAppended.class, Topics.AUDIT_LOG),
  CHECKPOINT_PUBLISHED("dev.custos.audit.checkpoint", CheckpointPublished.class, Topics.AUDIT_LOG);

  private static final String SCHEMA_DIRECTORY = "dev/custos/events/schemas/";
  private static final String SCHEMA_ID_PREFIX = "https://custos.dev/schemas/events/";
  private static final String SCHEMA_SUFFIX = ".schema.json";

  private static final Map<String, EventType> BY_TYPE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
  private static final Map<Class<?>, EventType> BY_CLASS =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

  private final String type;
  private final Class<? extends CustosEvent> eventClass;
  private final List<String> topics;

  EventType(String type, Class<? extends CustosEvent> eventClass, String... topics) {
    this.type = type;
    this.eventClass = eventClass;
    this.topics = List.of(topics);
  }

  /** Returns the event type for a {@code ce_type} value, or empty when no event has it. */
  public static Optional<EventType> fromType(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /**
   * Returns the event type of a record.
   *
   * @throws IllegalArgumentException if the record's class is not listed here
   */
  public static EventType of(CustosEvent event) {
    Require.present(event, "event");

    return forClass(event.getClass());
  }

  /**
   * Returns the event type whose data is a record of {@code eventClass}.
   *
   * @throws IllegalArgumentException if the class is not listed here
   */
  public static EventType forClass(Class<? extends CustosEvent> eventClass) {
    Require.present(eventClass, "eventClass");
    EventType eventType = BY_CLASS.get(eventClass);
    if (eventType == null) {
      throw new IllegalArgumentException(
          eventClass.getName() + " is not a Custos event record listed in EventType");
    }

    return eventType;
  }

  /**
   * Returns the topics to publish {@code event} on. An occurrence event goes to {@code
   * metadata.occurrences}, and also to {@code metadata.attestations} when its kind is an
   * attestation. Every other event goes to the topics of its type.
   */
  public static List<String> topicsFor(CustosEvent event) {
    EventType eventType = of(event);
    if (event instanceof OccurrenceEvent occurrenceEvent
        && !occurrenceEvent.kind().isAttestation()) {
      return List.of(Topics.METADATA_OCCURRENCES);
    }

    return eventType.topics;
  }

  /** Returns the CloudEvents {@code type} attribute, such as {@code dev.custos.audit.entry}. */
  public String type() {
    return type;
  }

  /** Returns the record class of the event's data. */
  public Class<? extends CustosEvent> eventClass() {
    return eventClass;
  }

  /**
   * Returns every topic that events of this type may be published on. Use {@link #topicsFor} for
   * the topics of one event.
   */
  public List<String> topics() {
    return topics;
  }

  /**
   * Returns the class-path resource of the JSON Schema of the event's data, such as {@code
   * dev/custos/events/schemas/dev.custos.audit.entry.schema.json}, for {@link
   * ClassLoader#getResource}.
   */
  public String schemaResource() {
    return SCHEMA_DIRECTORY + type + SCHEMA_SUFFIX;
  }

  /**
   * Returns the {@code $id} of the JSON Schema. It identifies the schema and is not fetched: the
   * schema itself is the {@link #schemaResource} inside this jar.
   */
  public String schemaId() {
    return SCHEMA_ID_PREFIX + type + SCHEMA_SUFFIX;
  }
}
