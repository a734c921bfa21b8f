package dev.custos.metadata.grafeas;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The times the server sets ({@code createTime}, {@code updateTime}), truncated to microseconds
 * because PostgreSQL's {@code timestamptz} stores no more, so the JSON body and the columns agree.
 */
public final class ServerTime {
  private ServerTime() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public static Timestamp toTimestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static OffsetDateTime toOffsetDateTime(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public static OffsetDateTime toOffsetDateTime(Timestamp timestamp) {
    return toOffsetDateTime(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
  }
}
