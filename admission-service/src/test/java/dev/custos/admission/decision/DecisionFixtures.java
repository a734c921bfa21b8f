package dev.custos.admission.decision;

import dev.custos.admission.policy.InvalidPolicyException;
import dev.custos.admission.policy.Policy;
import dev.custos.admission.policy.PolicyParser;
import dev.custos.events.image.Digest;
import dev.custos.events.image.ImageReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The policy, digests and attestations that the decision tests share. */
final class DecisionFixtures {
  static final String SERVICE_NAMESPACE = "custos-system";

  /** A real P-256 public key, as a YAML double-quoted scalar with \n line breaks. */
  private static final String KEY =
      "key: \"-----BEGIN PUBLIC KEY-----\\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeWZMKX9I6BGHcGfY2I4SS8kEi9/+\\n"
          + "p4+gYWh5/1Yfi+WIdIv8O4h6LGiroPsQtK2ELRaV25ByZn9LotUIldlXRw==\\n"
          + "-----END PUBLIC KEY-----\\n\"";

  static final String POLICY_YAML =
      """
      attestors:
        - name: build
          note: projects/custos/notes/build
          publicKeys:
            - %1$s
        - name: qa
          note: projects/qa/notes/qa-passed
          publicKeys:
            - %1$s
        - name: security
          note: projects/security/notes/scan
          publicKeys:
            - %1$s
      allowlist:
        - registry.k8s.io/pause:*
        - nginx
        - localhost:5000/base/*
        - ghcr.io/acme/**
        - Quay.IO/acme/*
        - busybox:1.36
      defaultRule:
        evaluationMode: REQUIRE_ATTESTATION
        attestors: [build, qa]
      namespaces:
        payments:
          evaluationMode: REQUIRE_ATTESTATION
          attestors: [build, qa, security]
          minimum: 2
        sandbox:
          evaluationMode: ALWAYS_ALLOW
        locked:
          evaluationMode: ALWAYS_DENY
        staging:
          evaluationMode: REQUIRE_ATTESTATION
          attestors: [build, qa]
          enforcementMode: DRYRUN_AUDIT_LOG_ONLY
        tools:
          evaluationMode: REQUIRE_ATTESTATION
          allowlist:
            - ghcr.io/tools/*
      """
          .formatted(KEY);

  /** Attested by build and qa. */
  static final Digest BUILD_QA = digestOf("build-qa");

  static final Digest BUILD_ONLY = digestOf("build-only");
  static final Digest QA_SECURITY = digestOf("qa-security");
  static final Digest ALL_THREE = digestOf("all-three");

  /** Attested by build and by "rogue", an attestor that no rule lists. */
  static final Digest BUILD_ROGUE = digestOf("build-rogue");

  static final Digest NONE = digestOf("none");

  static final Map<Digest, Set<String>> ATTESTATIONS =
      Map.of(
          BUILD_QA, Set.of("build", "qa"),
          BUILD_ONLY, Set.of("build"),
          QA_SECURITY, Set.of("qa", "security"),
          ALL_THREE, Set.of("build", "qa", "security"),
          BUILD_ROGUE, Set.of("build", "rogue"));

  static final VerifiedAttestations LOOKUP =
      image -> ATTESTATIONS.getOrDefault(image.digest(), Set.of());

  private DecisionFixtures() {}

  static Policy policy() {
    try {
      return new PolicyParser(SERVICE_NAMESPACE).parse(POLICY_YAML);
    } catch (InvalidPolicyException e) {
      throw new AssertionError("the test policy should be valid", e);
    }
  }

  /** Returns {@code registry.example.com/team/<name>@<digest>}. */
  static String image(String name, Digest digest) {
    return "registry.example.com/team/" + name + "@" + digest;
  }

  static Digest digestOf(String seed) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return new Digest(Digest.SHA256, HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A lookup that counts its calls and records the references it was given. */
  static final class RecordingLookup implements VerifiedAttestations {
    final List<ImageReference> calls = new ArrayList<>();

    @Override
    public Set<String> attestorsFor(ImageReference image) {
      calls.add(image);
      return LOOKUP.attestorsFor(image);
    }
  }
}
