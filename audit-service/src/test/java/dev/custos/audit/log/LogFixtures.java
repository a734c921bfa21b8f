package dev.custos.audit.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.custos.audit.entry.LogEntry;
import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Entries, a reference tree in memory and row counts for the log's tests. */
final class LogFixtures {
  static final String DIGEST =
      "sha256:ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789cdef";

  private LogFixtures() {}

  /** Returns an admission decision entry whose event id is {@code event-<n>}. */
  static LogEntry entry(int n) {
    return LogEntry.builder()
        .eventId("event-" + n)
        .eventType("dev.custos.admission.decision")
        .source("/custos/admission-service")
        .time(Instant.parse("2026-12-04T12:00:00Z").plusSeconds(n))
        .digest(DIGEST)
        .image("registry.example/app@" + DIGEST)
        .namespace("ns-" + (n % 3))
        .name("deploy-" + n)
        .decision(n % 2 == 0 ? "allowed" : "denied")
        .data(JsonNodeFactory.instance.objectNode().put("sequence", n))
        .build();
  }

  /** Returns the entries {@code event-<from>} up to, not including, {@code event-<to>}. */
  static List<LogEntry> entries(int from, int to) {
    List<LogEntry> entries = new ArrayList<>();
    for (int n = from; n < to; n++) {
      entries.add(entry(n));
    }
    return entries;
  }

  /** Returns a tree in memory with the leaves of the given entries. */
  static MerkleTree referenceTree(List<LogEntry> entries) {
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    List<byte[]> leafHashes = new ArrayList<>();
    for (LogEntry entry : entries) {
      leafHashes.add(Rfc6962Hasher.leafHash(entry.canonicalBytes()));
    }
    tree.append(leafHashes);
    return tree;
  }

  static long count(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static void execute(DataSource dataSource, String... statements) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
