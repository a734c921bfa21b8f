package dev.custos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.log.AppendResult;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.merkle.Rfc6962Hasher;
import dev.custos.embedded.PostgresServer;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends through {@link AuditLog} into a real PostgreSQL server (embedded, on loopback), migrated
 * by the service's Flyway migrations and written as the service's INSERT-and-SELECT role, so every
 * trigger, search column and index of the log runs. One operation appends {@code batch} new
 * admission-decision entries in one transaction, as one ingest poll does.
 *
 * <p>The baseline inserts the same rows, with the same canonical bytes and leaf hashes computed in
 * the operation, into a plain table of the entry and subject columns with only a primary key, in
 * one statement and one transaction per batch. Both run against the same server in the same JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class AuditAppendBenchmark {
  private static final String DATABASE = "custos_bench";
  private static final String OWNER = "custos_audit_owner";
  private static final String SERVICE = "custos_audit";

  private static final String INSERT_PLAIN =
      "INSERT INTO bench_plain_entries (leaf_index, event_id, event_type, event_source, event_time,"
          + " subject_digest, subject_image, subject_namespace, subject_name, entry, leaf_hash)"
          + " SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[])";

  /** Entries per append transaction; 500 is the ingest's default {@code max-poll-records}. */
  @Param({"50", "500"})
  public int batch;

  private PostgresServer server;
  private AgroalDataSource serviceRole;
  private AuditLog auditLog;
  private long nextEvent;
  private long nextPlainIndex;

  @Setup(Level.Trial)
  public void startDatabase() throws SQLException {
    server = PostgresServer.startTemporary();
    server.createDatabase(DATABASE);
    try (Connection superuser = server.connect(DATABASE);
        Statement statement = superuser.createStatement()) {
      statement.execute("CREATE ROLE " + OWNER + " LOGIN");
      statement.execute("CREATE ROLE " + SERVICE + " LOGIN");
      statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER);
    }
    Flyway.configure()
        .dataSource(server.jdbcUrl(DATABASE), OWNER, "")
        .locations("classpath:db/migration")
        .placeholders(Map.of("service_role", SERVICE))
        .load()
        .migrate();
    try (Connection owner = DriverManager.getConnection(server.jdbcUrl(DATABASE), OWNER, "");
        Statement statement = owner.createStatement()) {
      statement.execute(
          "CREATE TABLE bench_plain_entries (leaf_index bigint PRIMARY KEY, event_id text NOT NULL,"
              + " event_type text NOT NULL, event_source text NOT NULL, event_time timestamptz,"
              + " subject_digest text, subject_image text, subject_namespace text,"
              + " subject_name text, entry bytea NOT NULL, leaf_hash bytea NOT NULL)");
      statement.execute("GRANT SELECT, INSERT ON bench_plain_entries TO " + SERVICE);
    }
    serviceRole = pool(server.jdbcUrl(DATABASE));
    auditLog = AuditLog.open(serviceRole);
  }

  @TearDown(Level.Trial)
  public void stopDatabase() {
    serviceRole.close();
    server.close();
  }

  /** Baseline: the same rows in one plain multi-row INSERT and transaction per batch. */
  @Benchmark
  public int baselinePlainInsert() throws SQLException {
    List<LogEntry> entries = nextEntries();
    int count = entries.size();
    Long[] leafIndexes = new Long[count];
    String[][] texts = new String[8][count];
    byte[][] bytes = new byte[count][];
    byte[][] leafHashes = new byte[count][];
    for (int i = 0; i < count; i++) {
      LogEntry entry = entries.get(i);
      leafIndexes[i] = nextPlainIndex++;
      texts[0][i] = entry.eventId();
      texts[1][i] = entry.eventType();
      texts[2][i] = entry.source();
      texts[3][i] = entry.time().toString();
      texts[4][i] = entry.subject().digest();
      texts[5][i] = entry.subject().image();
      texts[6][i] = entry.subject().namespace();
      texts[7][i] = entry.subject().name();
      bytes[i] = entry.canonicalBytes();
      leafHashes[i] = Rfc6962Hasher.leafHash(bytes[i]);
    }
    try (Connection connection = serviceRole.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(INSERT_PLAIN)) {
        statement.setArray(1, connection.createArrayOf("bigint", leafIndexes));
        for (int column = 0; column < texts.length; column++) {
          statement.setArray(column + 2, connection.createArrayOf("text", texts[column]));
        }
        statement.setArray(10, connection.createArrayOf("bytea", bytes));
        statement.setArray(11, connection.createArrayOf("bytea", leafHashes));
        int inserted = statement.executeUpdate();
        connection.commit();
        return inserted;
      }
    }
  }

  /** Appends through the real path: dedup, sequencer lock, entries, Merkle nodes, tree size. */
  @Benchmark
  public long append() {
    AppendResult result = auditLog.append(nextEntries());
    return result.treeSize();
  }

  private List<LogEntry> nextEntries() {
    List<LogEntry> entries = new ArrayList<>(batch);
    Instant time = Instant.parse("2026-12-04T12:00:00Z");
    for (int i = 0; i < batch; i++) {
      long n = nextEvent++;
      ObjectNode data = JsonNodeFactory.instance.objectNode();
      data.put("requestUid", "uid-" + n).put("allowed", n % 4 != 0).put("breakglass", false);
      data.putArray("images")
          .addObject()
          .put("image", "registry.example/shop/app@" + digest(n))
          .put("digest", digest(n))
          .put("verdict", n % 4 != 0 ? "ALLOWED" : "DENIED");
      entries.add(
          LogEntry.builder()
              .eventId("bench-" + n)
              .eventType("dev.custos.admission.decision")
              .source("/custos/admission-service")
              .time(time.plusMillis(n))
              .digest(digest(n))
              .image("registry.example/shop/app@" + digest(n))
              .namespace("ns-" + (n % 20))
              .name("deploy-" + n)
              .actor("system:serviceaccount:kube-system:replicaset-controller")
              .decision(n % 4 != 0 ? "allowed" : "denied")
              .reason(n % 4 != 0 ? "all images verified" : "No matched signatures")
              .data(data)
              .build());
    }
    return entries;
  }

  private static String digest(long n) {
    String hex = Long.toHexString(n % 1000);
    return "sha256:" + "0".repeat(64 - hex.length()) + hex;
  }

  private static AgroalDataSource pool(String jdbcUrl) throws SQLException {
    AgroalDataSourceConfigurationSupplier configuration =
        new AgroalDataSourceConfigurationSupplier()
            .connectionPoolConfiguration(
                pool ->
                    pool.maxSize(4)
                        .connectionFactoryConfiguration(
                            factory ->
                                factory.jdbcUrl(jdbcUrl).principal(new NamePrincipal(SERVICE))));
    return AgroalDataSource.from(configuration);
  }
}
