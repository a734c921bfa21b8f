package dev.custos.signer;

import dev.custos.signer.workflow.SeverityLimit;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

  /** The metadata service that the workflows read occurrences from and write attestations to. */
  Metadata metadata();

  /**
   * Signing keys by name, which workflow rules refer to as {@code key-name}. Empty by default, and
   * a rule whose key is not configured stops the startup.
   */
  Map<String, Key> keys();

  /** The consumer of {@code registry.pushes} that runs the workflows. */
  Runner runner();

  /** The {@code POST /v1/sign} endpoint. */
  SignApi signApi();

  /** Metadata service client, under {@code custos.signer.metadata}. */
  interface Metadata {
    /** Base URL of the metadata service's REST API, without {@code /v1}. */
    @WithDefault("http://localhost:8081")
    URI url();

    /** Bearer token that the metadata service accepts. */
    SecretReference token();

    /**
     * Projects whose occurrences are searched for an image, in addition to the project of the
     * rule's authority, such as the project where a scanner writes its findings.
     */
    Optional<List<String>> projects();

    /** Occurrences requested per page of a list call. */
    @WithDefault("100")
    int pageSize();

    /** Time one HTTP request to the metadata service may take, connecting included. */
    @WithDefault("10s")
    Duration requestTimeout();
  }

  /** One signing key, under {@code custos.signer.keys.<name>}. */
  interface Key {
    /** Note name of the authority that the key signs for, {@code projects/<p>/notes/<id>}. */
    String authority();

    /** Key format: an OpenPGP secret key ring or a PKIX private key in PEM. */
    KeyFormat format();

    /** The armored secret key ring or the PEM private key. */
    SecretReference privateKey();

    /** Passphrase of the key, from {@code env} or {@code file} only; none when neither is set. */
    SecretReference passphrase();

    /** Fingerprint of the OpenPGP key that signs, when the ring has several signing keys. */
    Optional<String> fingerprint();
  }

  /** Formats of signing keys. */
  enum KeyFormat {
    /** Armored secret key ring, as {@code gpg --export-secret-keys --armor} writes it. */
    OPENPGP,
    /** PEM PKCS#8 (plain or encrypted) or SEC 1 private key, ECDSA P-256 or RSA 3072/4096. */
    PKIX
  }

  /** Workflow runner, under {@code custos.signer.runner}. */
  interface Runner {
    /** Whether this replica consumes {@code registry.pushes} and runs workflows. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka consumer group of the runners; replicas share the partitions of registry.pushes. */
    @WithDefault("custos-signer")
    String groupId();

    /** First wait before a failed metadata-service call is tried again. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Maximum wait between attempts; the wait doubles per failure up to this. */
    @WithDefault("1m")
    Duration retryBackoffMax();

    /**
     * How long after its push a refused image is evaluated again when new metadata arrives. Its
     * push stays uncommitted on {@code registry.pushes} for that long.
     */
    @WithDefault("24h")
    Duration reevaluationWindow();
  }

  /** Callers of {@code POST /v1/sign}, under {@code custos.signer.sign-api}. */
  interface SignApi {
    /**
     * SHA-256 hashes (64 hex digits) of the accepted bearer tokens. None by default, which rejects
     * every request with 401.
     */
    Optional<List<String>> tokens();
  }

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
