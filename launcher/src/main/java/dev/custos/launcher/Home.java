package dev.custos.launcher;

import java.nio.file.Path;

/**
 * The folder where a local run keeps everything it writes, {@code .custos/} in the repository by
 * default: server data, generated keys, the policy, each service's configuration and logs, and the
 * state of the running launcher.
 */
public record Home(Path root) {

  public Home {
    root = root.toAbsolutePath().normalize();
  }

  public Path kafkaData() {
    return root.resolve("kafka");
  }

  public Path postgresData() {
    return root.resolve("postgres");
  }

  /**
   * The PostgreSQL cluster folder inside {@link #postgresData()}, as the embedded server lays it
   * out.
   */
  public Path postgresCluster() {
    return postgresData().resolve("data");
  }

  public Path keys() {
    return root.resolve("keys");
  }

  public Path tlsCertificate() {
    return keys().resolve("admission-tls.crt");
  }

  public Path tlsKey() {
    return keys().resolve("admission-tls.key");
  }

  public Path tlsAuthority() {
    return keys().resolve("development-ca.crt");
  }

  public Path tlsAuthorityKey() {
    return keys().resolve("development-ca.key");
  }

  public Path signerKey() {
    return keys().resolve("signer-built-by-ci.key");
  }

  public Path signerPublicKey() {
    return keys().resolve("signer-built-by-ci.pub.pem");
  }

  public Path auditSigningKey() {
    return keys().resolve("audit-checkpoint.key");
  }

  public Path policy() {
    return root.resolve("policy.yaml");
  }

  /** The working folder of a service, whose {@code config/application.properties} Quarkus reads. */
  public Path serviceDirectory(Service service) {
    return root.resolve("services").resolve(service.id());
  }

  public Path serviceConfiguration(Service service) {
    return serviceDirectory(service).resolve("config/application.properties");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path serviceLog(Service service) {
    return logs().resolve(service.id() + ".log");
  }

  public Path launcherLog() {
    return logs().resolve("launcher.log");
  }

  /** The ports of this folder's data, written at the first start and reused after. */
  public Path portsFile() {
    return root.resolve("ports.properties");
  }

  /** The running launcher's pid and its children, present only while it runs. */
  public Path stateFile() {
    return root.resolve("launcher.state");
  }

  public Path demo() {
    return root.resolve("demo");
  }
}
