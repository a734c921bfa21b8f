package dev.custos.admission.webhook;

import dev.custos.admission.fallback.MetadataStub;
import dev.custos.admission.verify.TestAttestor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The admission test resource with a {@link MetadataStub} as the metadata service, a short decision
 * deadline, and a policy whose namespace {@value #LENIENT} fails open.
 */
public class FallbackTestResource extends AdmissionTestResource {
  public static final String TOKEN = "stub-token";
  public static final String LENIENT = "lenient";
  public static final String STUB_FOLDER = "metadata-stub";
  public static final long DEADLINE_MS = 800;

  private MetadataStub stub;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    try {
      Path policyFile = Path.of(config.get("custos.admission.policy-file"));
      TestAttestor trusted = TestAttestor.existing(policyFile.resolveSibling(TRUSTED_KEY));
      Files.writeString(policyFile, lenientPolicy(trusted.publicPem()), StandardCharsets.UTF_8);

      stub = new MetadataStub(policyFile.resolveSibling(STUB_FOLDER), TOKEN);
      config.put("custos.admission.metadata.url", stub.url());
      config.put("custos.admission.metadata.token.value", TOKEN);
      // Longer than the deadline, so that a stalled query meets the deadline first.
      config.put("custos.admission.metadata.timeout", "5s");
      config.put("custos.admission.decision-deadline", DEADLINE_MS + "ms");
      config.put("custos.admission.metadata.negative-cache-ttl", "1m");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (stub != null) {
      stub.close();
    }
    super.stop();
  }

  /** Returns the test policy with a namespace rule that admits on a failed lookup. */
  static String lenientPolicy(String publicPem) {
    return policy(publicPem)
        + """
        namespaces:
          %s:
            evaluationMode: REQUIRE_ATTESTATION
            onError: ALLOW
        """
            .formatted(LENIENT);
  }
}
