package dev.custos.audit.log;

import static dev.custos.audit.log.LogFixtures.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.audit.AuditDatabaseResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The log as the application wires it: Flyway migrated as the owner, appends as the service. */
@QuarkusTest
@WithTestResource(AuditDatabaseResource.class)
class AuditLogServiceTest {
  @Inject AuditLog log;
  @Inject DataSource dataSource;
  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @Test
  void serviceAppendsAsItsRole() throws Exception {
    long before = log.size();

    AppendResult result = log.append(entries(100, 104));

    assertThat(result.treeSize()).isEqualTo(before + 4);
    assertThat(queryStrings(dataSource, "SELECT current_user")).containsExactly(LogRoles.SERVICE);
  }

  @Test
  void migrationsRanAsOwner() throws Exception {
    try (Connection superuser = infrastructure.connect()) {
      List<String> owners =
          queryStrings(
              superuser,
              "SELECT DISTINCT tableowner FROM pg_tables WHERE tablename LIKE 'audit\\_%'");
      List<String> migrators =
          queryStrings(superuser, "SELECT DISTINCT installed_by FROM flyway_schema_history");

      assertThat(owners).containsExactly(LogRoles.OWNER);
      assertThat(migrators).containsExactly(LogRoles.OWNER);
    }
  }

  @Test
  void serviceCannotDeleteEntries() {
    assertThatThrownBy(() -> queryStrings(dataSource, "DELETE FROM audit_entries RETURNING 'x'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied for table audit_entries");
  }

  @Test
  void reopenedLogHasSameRoot() {
    log.append(entries(0, 9));

    AuditLog reopened = AuditLog.open(dataSource);

    assertThat(reopened.size()).isEqualTo(log.size());
    assertThat(reopened.root()).isEqualTo(log.root());
  }

  private static List<String> queryStrings(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return queryStrings(connection, sql);
    }
  }

  private static List<String> queryStrings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
