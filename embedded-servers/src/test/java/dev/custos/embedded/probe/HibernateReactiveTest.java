package dev.custos.embedded.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.embedded.EmbeddedServersResource;
import dev.custos.embedded.InjectTestInfrastructure;
import dev.custos.embedded.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedServersResource.class)
class HibernateReactiveTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject Mutiny.SessionFactory sessions;

  @InjectTestInfrastructure TestInfrastructure infrastructure;

  @Test
  void entityWrittenIsReadInNewSession() {
    OffsetDateTime writtenAt = OffsetDateTime.of(2026, 12, 4, 12, 0, 0, 0, ZoneOffset.UTC);
    sessions
        .withTransaction(session -> session.persist(new ProbeNote(7, "stored", writtenAt)))
        .await()
        .atMost(TIMEOUT);

    ProbeNote read =
        sessions.withSession(session -> session.find(ProbeNote.class, 7L)).await().atMost(TIMEOUT);

    assertThat(read).isNotNull();
    assertThat(read.body()).isEqualTo("stored");
    assertThat(read.writtenAt().toInstant()).isEqualTo(writtenAt.toInstant());
  }

  @Test
  void flywayMigratedThisClassDatabase() throws SQLException {
    try (Connection connection = infrastructure.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version = '1'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getBoolean("success")).isTrue();
    }
    assertThat(infrastructure.database()).startsWith("custos_t");
  }
}
