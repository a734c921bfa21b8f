package dev.custos.signer.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.events.image.ImageReference;
import dev.custos.signer.LogKeys;
import dev.custos.signer.metadata.MetadataClient;
import dev.custos.signer.metadata.MetadataServiceException;
import dev.custos.signer.signing.ConfiguredKeys;
import dev.custos.signer.signing.SignedPayload;
import dev.custos.signer.signing.SimpleSigningPayload;
import dev.custos.signer.workflow.WorkflowDecision;
import dev.custos.signer.workflow.WorkflowEvaluator;
import dev.custos.signer.workflow.WorkflowRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one workflow rule for one image digest: reads the digest's occurrences from the metadata
 * service, evaluates the rule, and signs when it allows.
 *
 * <p>At most one attestation stands for each (authority, digest). A run that finds one on the
 * authority's note for the resource signs nothing and returns it. After creating one, the run lists
 * the attestations again, and when a concurrent run created another, every run keeps the same one
 * ({@link AttestationOccurrences#KEEPER_ORDER}) and deletes the signer's others. The runner
 * serializes runs per digest through partition ownership, so this cleanup is needed only when two
 * replicas briefly both own a partition or {@code POST /v1/sign} runs beside the runner.
 *
 * <p>Safe for concurrent use.
 */
public final class SigningWorkflow {
  private static final Logger log = LoggerFactory.getLogger(SigningWorkflow.class);

  private final MetadataClient metadata;
  private final List<String> searchProjects;
  private final ConfiguredKeys keys;
  private final String creator;
  private final Clock clock;

  /**
   * @param searchProjects projects whose occurrences are read besides the authority's project
   * @param creator the {@code optional.creator} of every payload, such as {@code custos-signer
   *     0.1.0}, which also marks the attestations that the cleanup may delete
   */
  public SigningWorkflow(
      MetadataClient metadata,
      List<String> searchProjects,
      ConfiguredKeys keys,
      String creator,
      Clock clock) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.searchProjects = List.copyOf(searchProjects);
    this.keys = Objects.requireNonNull(keys, "keys");
    this.creator = Objects.requireNonNull(creator, "creator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs {@code rule} for {@code image}.
   *
   * @param image the image, with its digest
   * @param pushedAt when the registry accepted the push, from which the scan wait is measured
   * @throws MetadataServiceException if a metadata-service call failed. Nothing is lost, and the
   *     caller runs the workflow again later: an attestation created before the failure is found
   *     then instead of being created twice
   */
  public WorkflowResult run(WorkflowRule rule, ImageReference image, Instant pushedAt) {
    String resourceUri = resourceUri(image);
    List<JsonNode> occurrences = listOccurrences(rule, resourceUri);
    List<JsonNode> existing = AttestationOccurrences.ofAuthority(occurrences, rule.authority());
    if (!existing.isEmpty()) {
      return WorkflowResult.signed(converge(existing, image), false);
    }

    Duration sincePush = Duration.between(pushedAt, clock.instant());
    WorkflowDecision decision = WorkflowEvaluator.evaluate(rule, occurrences, sincePush);
    return switch (decision.outcome()) {
      case WAIT -> WorkflowResult.waiting(decision.remainingWait());
      case REFUSE -> WorkflowResult.refused(decision.reasons());
      case SIGN -> sign(rule, image, resourceUri);
    };
  }

  /** Returns the resource URI {@code https://registry/repository@digest} of an image. */
  static String resourceUri(ImageReference image) {
    return image
        .resourceUri()
        .orElseThrow(() -> new IllegalArgumentException("image " + image + " has no digest"));
  }

  /** Returns the project of a note name {@code projects/<project>/notes/<id>}. */
  static String projectOf(String noteName) {
    return noteName.split("/", 3)[1];
  }

  private WorkflowResult sign(WorkflowRule rule, ImageReference image, String resourceUri) {
    SimpleSigningPayload payload = SimpleSigningPayload.create(image, creator, clock.instant());
    SignedPayload signed = keys.forRule(rule).sign(payload);
    JsonNode created =
        metadata.createOccurrence(
            projectOf(rule.authority()),
            AttestationOccurrences.build(resourceUri, rule.authority(), signed));
    String createdName = created.path("name").asText();
    log.atInfo()
        .addKeyValue(LogKeys.DIGEST, image.digest().toString())
        .addKeyValue(LogKeys.AUTHORITY, rule.authority())
        .addKeyValue(LogKeys.ATTESTATION, createdName)
        .addKeyValue(LogKeys.PUBLIC_KEY_ID, signed.publicKeyId())
        .log("Attestation created");

    List<JsonNode> attestations =
        AttestationOccurrences.ofAuthority(listOccurrences(rule, resourceUri), rule.authority());
    if (attestations.isEmpty()) {
      // A list that lags behind the create must not hide the attestation just made.
      return WorkflowResult.signed(createdName, true);
    }
    String keeper = converge(attestations, image);
    return WorkflowResult.signed(keeper, keeper.equals(createdName));
  }

  /**
   * Returns the attestation that stands for the pair and deletes the signer's other ones, which
   * only a race between two runs creates.
   */
  private String converge(List<JsonNode> attestations, ImageReference image) {
    JsonNode keeper = attestations.get(0);
    String keeperName = AttestationOccurrences.name(keeper).orElseThrow();
    for (JsonNode duplicate : attestations.subList(1, attestations.size())) {
      if (!AttestationOccurrences.madeBy(duplicate, creator)) {
        continue;
      }
      String name = AttestationOccurrences.name(duplicate).orElseThrow();
      metadata.deleteOccurrence(name);
      log.atWarn()
          .addKeyValue(LogKeys.DIGEST, image.digest().toString())
          .addKeyValue(LogKeys.ATTESTATION, name)
          .addKeyValue(LogKeys.KEPT_ATTESTATION, keeperName)
          .log("Duplicate attestation deleted; a concurrent run had created another");
    }
    return keeperName;
  }

  /** Lists the occurrences about the resource in every searched project, each once. */
  private List<JsonNode> listOccurrences(WorkflowRule rule, String resourceUri) {
    Set<String> projects = new LinkedHashSet<>();
    projects.add(projectOf(rule.authority()));
    projects.addAll(searchProjects);

    Map<String, JsonNode> byName = new LinkedHashMap<>();
    List<JsonNode> unnamed = new ArrayList<>();
    for (String project : projects) {
      for (JsonNode occurrence : metadata.listOccurrences(project, resourceUri)) {
        // The filter is the server's job, but an occurrence of another resource must never count.
        if (!resourceUri.equals(occurrence.path("resourceUri").asText())) {
          continue;
        }
        String name = occurrence.path("name").asText("");
        if (name.isEmpty()) {
          unnamed.add(occurrence);
        } else {
          byName.putIfAbsent(name, occurrence);
        }
      }
    }
    List<JsonNode> all = new ArrayList<>(byName.values());
    all.addAll(unnamed);
    return all;
  }
}
