package dev.custos.launcher;

import java.nio.file.Path;

/** The four Custos services, each run from its module's packaged Quarkus application. */
public enum Service {
  METADATA("metadata", "metadata-service"),
  SIGNER("signer", "signer-service"),
  ADMISSION("admission", "admission-service"),
  AUDIT("audit", "audit-service");

  private final String id;
  private final String module;

  Service(String id, String module) {
    this.id = id;
    this.module = module;
  }

  /** Returns the short name used in file names, log lines and the state file. */
  public String id() {
    return id;
  }

  /** Returns the Maven module that builds the service. */
  public String module() {
    return module;
  }

  /** Returns the packaged application under {@code repository}. */
  public Path applicationJar(Path repository) {
    return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /** Returns the development configuration template on the launcher's class path. */
  public String configurationResource() {
    return "/dev/custos/launcher/local/" + id + ".properties";
  }

  /** Returns the base URL of the service on loopback: HTTPS for admission, HTTP for the others. */
  public String baseUrl(Ports ports) {
    switch (this) {
      case METADATA:
        return "http://127.0.0.1:" + ports.metadata();
      case SIGNER:
        return "http://127.0.0.1:" + ports.signer();
      case ADMISSION:
        return "https://127.0.0.1:" + ports.admission();
      case AUDIT:
        return "http://127.0.0.1:" + ports.audit();
      default:
        throw new IllegalStateException("unknown service " + this);
    }
  }
}
