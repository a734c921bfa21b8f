package dev.custos.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.admission.EnforcementMode;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.admission.Operation;
import dev.custos.events.audit.AuditEntryAppended;
import dev.custos.events.audit.CheckpointPublished;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceDeleted;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.metadata.OccurrenceUpdated;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** One realistic record of every event type, with every optional field set. */
public final class EventSamples {
  public static final String INDEX_DIGEST =
      "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  public static final String AMD64_DIGEST =
      "sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
  public static final String ARM64_DIGEST =
      "sha256:fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13";
  public static final String OCCURRENCE_NAME = "projects/custos-authorities/occurrences/1b6e42c9";
  public static final String NOTE_NAME = "projects/custos-authorities/notes/production";
  public static final String RESOURCE_URI = "https://registry.example.com/team/app@" + INDEX_DIGEST;

  /** 32 bytes 0x00..0x1f in standard base64. */
  public static final String ROOT_HASH = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventSamples() {}

  public static CustosEvent sample(EventType type) {
    return switch (type) {
      case IMAGE_PUSHED -> imagePushed();
      case OCCURRENCE_CREATED -> occurrenceCreated(OccurrenceKind.ATTESTATION);
      case OCCURRENCE_UPDATED ->
          new OccurrenceUpdated(
              OCCURRENCE_NAME,
              OccurrenceKind.ATTESTATION,
              RESOURCE_URI,
              NOTE_NAME,
              attestationOccurrence("2025-03-04T11:00:00Z"));
      case OCCURRENCE_DELETED ->
          new OccurrenceDeleted(
              OCCURRENCE_NAME,
              OccurrenceKind.ATTESTATION,
              RESOURCE_URI,
              NOTE_NAME,
              attestationOccurrence("2025-03-04T11:00:00Z"));
      case IMAGE_SIGNED ->
          new ImageSigned(
              NOTE_NAME,
              INDEX_DIGEST,
              "registry.example.com/team/app",
              OCCURRENCE_NAME,
              "team-apps-production");
      case SIGNING_REFUSED ->
          new SigningRefused(
              NOTE_NAME,
              INDEX_DIGEST,
              "registry.example.com/team/app",
              List.of(
                  new RefusalReason(
                      "VULNERABILITY_ABOVE_THRESHOLD",
                      "CVE-2024-3094 is CRITICAL, at or above the threshold HIGH"),
                  new RefusalReason(
                      "BUILD_OCCURRENCE_MISSING", "No build occurrence exists for the digest")),
              "team-apps-production");
      case ADMISSION_DECIDED -> admissionDecided();
      case ADMITTED_WORKLOAD_REVOKED ->
          new AdmittedWorkloadRevoked(
              "payments",
              "Deployment",
              "checkout",
              INDEX_DIGEST,
              "production-signer",
              OCCURRENCE_NAME,
              "705ab4f5-6393-11e8-b7cc-42010a800002");
      case AUDIT_ENTRY_APPENDED ->
          new AuditEntryAppended(
              json(
                  """
                  {"ceId": "c0a80164-1f2e-4b7a-9d3c-6a1e2f3b4c5d",
                   "ceType": "dev.custos.admission.decision",
                   "ceSource": "/custos/admission-service",
                   "data": {"allowed": true, "namespace": "payments"}}
                  """),
              41,
              "2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819",
              42);
      case CHECKPOINT_PUBLISHED ->
          new CheckpointPublished(
              "custos.example.com/audit",
              42,
              ROOT_HASH,
              "custos.example.com/audit\n42\n"
                  + ROOT_HASH
                  + "\n\n\u2014 custos.example.com/audit Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n");
    };
  }

  public static ImagePushed imagePushed() {
    return new ImagePushed(
        "registry.example.com:5000",
        "team/app",
        "1.4.2",
        INDEX_DIGEST,
        "application/vnd.oci.image.index.v1+json",
        1609,
        Instant.parse("2025-03-04T10:15:30.123456Z"),
        "ci-robot",
        "e1b8f6c4-2c3d-4a5b-8c7d-9e0f1a2b3c4d",
        List.of(AMD64_DIGEST, ARM64_DIGEST));
  }

  public static OccurrenceCreated occurrenceCreated(OccurrenceKind kind) {
    return new OccurrenceCreated(
        OCCURRENCE_NAME,
        kind,
        RESOURCE_URI,
        NOTE_NAME,
        attestationOccurrence("2025-03-04T10:16:02Z"));
  }

  public static AdmissionDecided admissionDecided() {
    return new AdmissionDecided(
        "705ab4f5-6393-11e8-b7cc-42010a800002",
        Operation.CREATE,
        "payments",
        "Deployment",
        "checkout",
        "system:serviceaccount:argocd:argocd-application-controller",
        List.of(
            new ImageDecision(
                "registry.example.com/team/app@" + INDEX_DIGEST,
                INDEX_DIGEST,
                ImageDecision.Verdict.ALLOWED,
                "Verified by attestor production-signer"),
            new ImageDecision(
                "registry.example.com/team/sidecar:latest",
                null,
                ImageDecision.Verdict.DENIED,
                "Image registry.example.com/team/sidecar:latest has no digest; reference it by"
                    + " digest")),
        false,
        "No matched signatures for container image: registry.example.com/team/sidecar:latest",
        "policy-7",
        EnforcementMode.ENFORCE,
        false,
        false);
  }

  /** Returns a Grafeas v1 ATTESTATION occurrence in REST JSON, as JsonFormat renders it. */
  public static JsonNode attestationOccurrence(String updateTime) {
    return json(
        """
        {
          "name": "%s",
          "resourceUri": "%s",
          "noteName": "%s",
          "kind": "ATTESTATION",
          "createTime": "2025-03-04T10:16:02Z",
          "updateTime": "%s",
          "attestation": {
            "serializedPayload": "eyJjcml0aWNhbCI6e319",
            "signatures": [
              {"signature": "MEUCIQDx", "publicKeyId": "openpgp4fpr:74FAF3B861BDA0870C7B6DEF607E48D2A663AEEA"}
            ]
          }
        }
        """
            .formatted(OCCURRENCE_NAME, RESOURCE_URI, NOTE_NAME, updateTime));
  }

  public static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
