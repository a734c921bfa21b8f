package dev.custos.audit.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Opens the one {@link AuditLog} of the service, on first use, after Flyway has migrated. */
@ApplicationScoped
class AuditLogProducer {

  @Produces
  @Singleton
  AuditLog auditLog(DataSource dataSource) {
    return AuditLog.open(dataSource);
  }
}
