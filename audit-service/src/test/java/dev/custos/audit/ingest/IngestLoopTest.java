package dev.custos.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.custos.audit.KafkaSettings;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.log.LogDatabase;
import dev.custos.events.Topics;
import dev.custos.events.cloudevents.CloudEventKafkaCodec;
import dev.custos.events.cloudevents.OutgoingCloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The loop against a mock consumer and a real database that fails on demand. */
class IngestLoopTest {
  private static final TopicPartition PARTITION = new TopicPartition(Topics.REGISTRY_PUSHES, 0);

  @Test
  void appendRetriedBeforeCommit() throws Exception {
    FailingDataSource dataSource =
        new FailingDataSource(LogDatabase.create("ingest_loop").service());
    AuditLog auditLog = AuditLog.open(dataSource);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IngestMetrics metrics = new IngestMetrics(registry, new KafkaSettings(Map.of(), ""));
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
          consumer.addRecord(pushRecord());
        });
    IngestLoop loop =
        new IngestLoop(
            consumer,
            List.of(Topics.REGISTRY_PUSHES),
            auditLog,
            metrics,
            new IngestLoop.Backoff(Duration.ofMillis(10), Duration.ofMillis(40)),
            () -> {},
            IngestLoop.IngestHook.NONE);
    dataSource.failNext(3);

    Thread thread = new Thread(loop, "ingest-loop-test");
    thread.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> committed(consumer) != null && committed(consumer).offset() == 1);
    loop.stop();
    thread.join(5_000);

    assertThat(auditLog.size()).isEqualTo(1);
    assertThat(registry.counter("custos.audit.ingest.append.retries").count()).isEqualTo(3);
    assertThat(registry.counter("custos.audit.entries.appended").count()).isEqualTo(1);
  }

  private static OffsetAndMetadata committed(MockConsumer<byte[], byte[]> consumer) {
    return consumer.committed(Set.of(PARTITION)).get(PARTITION);
  }

  private static ConsumerRecord<byte[], byte[]> pushRecord() {
    OutgoingCloudEvent event =
        new CloudEventKafkaCodec().encode(IngestSamples.pushed(1), URI.create("/custos/test"));
    byte[] key = event.key().getBytes(StandardCharsets.UTF_8);
    return new ConsumerRecord<>(
        PARTITION.topic(),
        PARTITION.partition(),
        0,
        0L,
        TimestampType.CREATE_TIME,
        key.length,
        event.data().length,
        key,
        event.data(),
        event.headers(),
        Optional.empty());
  }

  /** A data source whose next connections fail, as when PostgreSQL is unreachable. */
  private static final class FailingDataSource implements DataSource {
    private final DataSource delegate;
    private final AtomicInteger failures = new AtomicInteger();

    FailingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    void failNext(int count) {
      failures.set(count);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SQLException("connection refused (test)", "08001");
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return delegate.isWrapperFor(type);
    }
  }
}
