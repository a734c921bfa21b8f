package dev.custos.signer;

import dev.custos.signer.workflow.SeverityLimit;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the signer service, under {@code custos.signer}. */
@ConfigMapping(prefix = "custos.signer")
public interface SignerConfig {

  /** Maximum size of a registry webhook request body, in bytes (1 MiB by default). */
  @WithDefault("1048576")
  int maxWebhookBodyBytes();

  /**
   * Time a webhook request waits for Kafka to acknowledge its {@code image.pushed} event before the
   * request fails, as a duration such as {@code 5s}.
   */
  @WithDefault("5s")
  Duration publishTimeout();

  /**
   * Registries whose push webhooks the service accepts, by the name in the endpoint path {@code
   * /webhooks/registry/<name>}. Empty by default, which rejects every webhook request.
   */
  Map<String, Registry> registries();

  /**
   * Signing workflow rules, {@code custos.signer.workflows[0]} first. The first rule whose {@code
   * repository} pattern matches a pushed image applies. Empty by default, which signs nothing.
   */
  List<Workflow> workflows();

  /** One signing workflow rule, under {@code custos.signer.workflows[<index>]}. */
  interface Workflow {
    /** Name that outcomes carry as {@code workflowRule}, by default the repository pattern. */
    Optional<String> name();

    /**
     * Pattern over canonical repository names, such as {@code registry.example.com/payments/**}:
     * {@code *} within a path segment, {@code **} across segments.
     */
    String repository();

    /** Note name of the signing authority, {@code projects/<project>/notes/<id>}. */
    String authority();

    /** Name of the authority's key that signs. */
    String keyName();

    /** Vulnerability precondition. */
    VulnerabilitySettings vulnerabilityPolicy();

    /** Whether a finished scan (a DISCOVERY occurrence) is required before signing. */
    @WithDefault("false")
    boolean requireDiscovery();

    /** Time after the push to wait for that scan before refusing. */
    @WithDefault("10m")
    Duration maxDiscoveryWait();

    /** Whether a BUILD occurrence is required for the digest. */
    @WithDefault("false")
    boolean requireBuild();
  }

  /** Vulnerability precondition of a workflow rule, under {@code vulnerability-policy}. */
  interface VulnerabilitySettings {
    /** Maximum accepted severity of a fixable vulnerability, required. ALLOW_ALL sets no limit. */
    SeverityLimit maximumFixableSeverity();

    /** Maximum accepted severity of an unfixable vulnerability, required. */
    SeverityLimit maximumUnfixableSeverity();

    /** Vulnerability ids or note names that never refuse signing. */
    Optional<List<String>> allowedCves();

    /** Vulnerability ids or note names that always refuse signing. */
    Optional<List<String>> blockedCves();

    /** Whether a vulnerability with no severity and no CVSS score is left out, not the worst. */
    @WithDefault("false")
    boolean ignoreMissingSeverity();
  }

  /** One registry's webhook endpoint, under {@code custos.signer.registries.<name>}. */
  interface Registry {
    /**
     * Registry host that every pushed reference gets, such as {@code registry.example.com:5000}.
     * The host is never taken from the request.
     */
    String host();

    /** Credential scheme of the registry: a bearer token or a header of its own. */
    @WithDefault("bearer")
    CredentialScheme scheme();

    /**
     * Name of the header whose whole value is the shared secret, required with the {@code
     * shared-secret-header} scheme.
     */
    Optional<String> secretHeader();

    /** The bearer token or the shared secret. */
    SecretReference secret();

    /** HMAC-SHA256 body signature that the registry sends in addition to the credential. */
    Optional<BodySignature> hmac();
  }

  /** Ways a registry presents its credential. */
  enum CredentialScheme {
    /** {@code Authorization: Bearer <token>}, which Distribution and Harbor can both send. */
    BEARER,
    /** {@code <secret-header>: <secret>}, the whole header value being the secret. */
    SHARED_SECRET_HEADER
  }

  /** HMAC-SHA256 signature of the raw request body, under {@code hmac}. */
  interface BodySignature {
    /** Header that carries the signature as {@code <hex>} or {@code sha256=<hex>}. */
    String header();

    /** The HMAC key, used as its UTF-8 bytes. */
    SecretReference key();
  }

  /**
   * Source of a secret, of which exactly one is set. An environment variable or a file keeps the
   * secret out of the configuration, and {@code value} is meant for development.
   */
  interface SecretReference {
    /** Name of an environment variable that contains the secret. */
    Optional<String> env();

    /** File that contains the secret. One trailing line break is dropped. */
    Optional<Path> file();

    /** The secret itself, written in the configuration. */
    Optional<String> value();
  }
}
