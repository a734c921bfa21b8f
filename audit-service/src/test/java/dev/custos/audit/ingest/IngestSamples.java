package dev.custos.audit.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custos.events.admission.AdmissionDecided;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import dev.custos.events.admission.EnforcementMode;
import dev.custos.events.admission.ImageDecision;
import dev.custos.events.admission.Operation;
import dev.custos.events.metadata.OccurrenceCreated;
import dev.custos.events.metadata.OccurrenceKind;
import dev.custos.events.registry.ImagePushed;
import dev.custos.events.signer.ImageSigned;
import dev.custos.events.signer.RefusalReason;
import dev.custos.events.signer.SigningRefused;
import java.time.Instant;
import java.util.List;

/** One event of each type that the ingest reads, about the digest of {@code n}. */
final class IngestSamples {
  static final String AUTHORITY = "projects/custos/notes/release";

  private IngestSamples() {}

  static String digest(int n) {
    return "sha256:" + String.format("%064x", n);
  }

  static ImagePushed pushed(int n) {
    return new ImagePushed(
        "registry.example",
        "team/app",
        "v" + n,
        digest(n),
        "application/vnd.oci.image.manifest.v1+json",
        1234,
        Instant.parse("2026-12-04T12:00:00Z"),
        "ci-bot",
        "push-" + n,
        List.of());
  }

  static OccurrenceCreated occurrence(int n) {
    return new OccurrenceCreated(
        "projects/custos/occurrences/scan-" + n,
        OccurrenceKind.VULNERABILITY,
        "https://registry.example/team/app@" + digest(n),
        "projects/custos/notes/cve-1",
        JsonNodeFactory.instance.objectNode().put("kind", "VULNERABILITY"));
  }

  static AdmissionDecided decision(int n, boolean allowed) {
    String image = "registry.example/team/app@" + digest(n);
    ImageDecision.Verdict verdict =
        allowed ? ImageDecision.Verdict.ALLOWED : ImageDecision.Verdict.DENIED;
    String reason =
        allowed ? "attested by release" : "No matched signatures for container image: " + image;
    return new AdmissionDecided(
        "uid-" + n,
        Operation.CREATE,
        "shop",
        "Deployment",
        "web-" + n,
        "alice",
        List.of(new ImageDecision(image, digest(n), verdict, reason)),
        allowed,
        reason,
        "rev-1",
        EnforcementMode.ENFORCE,
        false,
        false);
  }

  static AdmittedWorkloadRevoked revoked(int n) {
    return new AdmittedWorkloadRevoked(
        "shop",
        "Deployment",
        "web-" + n,
        digest(n),
        "release",
        "projects/custos/occurrences/attestation-" + n,
        "uid-" + n);
  }

  static ImageSigned signed(int n) {
    return new ImageSigned(
        AUTHORITY,
        digest(n),
        "registry.example/team/app",
        "projects/custos/occurrences/attestation-" + n,
        "release-rule");
  }

  static SigningRefused refused(int n) {
    return new SigningRefused(
        AUTHORITY,
        digest(n),
        "registry.example/team/app",
        List.of(new RefusalReason("SCAN_TIMED_OUT", "no scan finished within 10 minutes")),
        "release-rule");
  }
}
