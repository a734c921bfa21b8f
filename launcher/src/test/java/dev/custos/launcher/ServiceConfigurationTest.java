package dev.custos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServiceConfigurationTest {

  private static final Home HOME = new Home(Path.of("/work/repo/.custos"));
  private static final Ports PORTS = Ports.defaults();

  @Test
  void everyTemplateRendersWithoutPlaceholders() {
    for (Service service : Service.values()) {
      String rendered = ServiceConfiguration.of(service).render(values(service));

      assertThat(rendered).as(service.id()).doesNotContain("${");
    }
  }

  @Test
  void everyServiceListensOnLoopbackOnItsPort() {
    Map<Service, String> portKeys =
        Map.of(
            Service.METADATA, "quarkus.http.port",
            Service.SIGNER, "quarkus.http.port",
            Service.ADMISSION, "quarkus.http.ssl-port",
            Service.AUDIT, "quarkus.http.port");
    for (Service service : Service.values()) {
      Properties properties = ServiceConfiguration.of(service).renderProperties(values(service));

      assertThat(properties.getProperty("quarkus.http.host"))
          .as(service.id())
          .isEqualTo("127.0.0.1");
      assertThat(properties.getProperty(portKeys.get(service)))
          .as(service.id())
          .isEqualTo(Integer.toString(port(service)));
      assertThat(properties.getProperty("kafka.bootstrap.servers"))
          .as(service.id())
          .isEqualTo("127.0.0.1:9092");
    }
  }

  @Test
  void admissionServesOnlyHttpsWithGeneratedCertificate() {
    Properties admission =
        ServiceConfiguration.of(Service.ADMISSION).renderProperties(values(Service.ADMISSION));

    assertThat(admission.getProperty("quarkus.http.insecure-requests")).isEqualTo("disabled");
    assertThat(admission.getProperty("quarkus.tls.key-store.pem.tls.cert"))
        .isEqualTo(HOME.tlsCertificate().toString());
    assertThat(admission.getProperty("quarkus.tls.key-store.pem.tls.key"))
        .isEqualTo(HOME.tlsKey().toString());
    assertThat(admission.getProperty("custos.admission.policy-file"))
        .isEqualTo(HOME.policy().toString());
  }

  @Test
  void databasesMatchTheRolesTheLauncherCreates() {
    Properties metadata =
        ServiceConfiguration.of(Service.METADATA).renderProperties(values(Service.METADATA));
    Properties audit =
        ServiceConfiguration.of(Service.AUDIT).renderProperties(values(Service.AUDIT));

    assertThat(metadata.getProperty("quarkus.datasource.jdbc.url"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/custos_metadata");
    assertThat(metadata.getProperty("quarkus.datasource.reactive.url"))
        .isEqualTo("postgresql://127.0.0.1:5432/custos_metadata");
    assertThat(metadata.getProperty("quarkus.datasource.username")).isEqualTo("custos_metadata");
    assertThat(audit.getProperty("quarkus.datasource.jdbc.url"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/custos_audit");
    assertThat(audit.getProperty("quarkus.datasource.username")).isEqualTo("custos_audit");
    assertThat(audit.getProperty("quarkus.flyway.username")).isEqualTo("custos_audit_owner");
    assertThat(audit.getProperty("custos.audit.signing-key-file"))
        .isEqualTo(HOME.auditSigningKey().toString());
  }

  @Test
  void backslashInPathSurvivesTheRendering() {
    Map<String, String> values = values(Service.ADMISSION);
    values.put("policy-file", "C:\\custos\\policy.yaml");

    Properties admission = ServiceConfiguration.of(Service.ADMISSION).renderProperties(values);

    assertThat(admission.getProperty("custos.admission.policy-file"))
        .isEqualTo("C:\\custos\\policy.yaml");
  }

  @Test
  void missingPlaceholderValueIsAnError() {
    Map<String, String> values = values(Service.AUDIT);
    values.remove("audit-signing-key-file");

    assertThatThrownBy(() -> ServiceConfiguration.of(Service.AUDIT).render(values))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("${audit-signing-key-file}")
        .hasMessageContaining("audit.properties");
  }

  private static Map<String, String> values(Service service) {
    Map<String, String> values = LocalSystem.placeholderValues(HOME, PORTS);
    values.put(
        service == Service.ADMISSION ? "https-port" : "http-port", Integer.toString(port(service)));
    return values;
  }

  private static int port(Service service) {
    switch (service) {
      case METADATA:
        return PORTS.metadata();
      case SIGNER:
        return PORTS.signer();
      case ADMISSION:
        return PORTS.admission();
      default:
        return PORTS.audit();
    }
  }
}
