package dev.custos.signer.runner;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter copy of a record that cannot be processed: the same key, value and
 * headers, and headers that name the error and where the record came from.
 */
final class DeadLetters {
  /** The error message, naming what is wrong with the record. */
  static final String ERROR_HEADER = "custos_dlq_error";

  /** The class of the exception that rejected the record. */
  static final String EXCEPTION_HEADER = "custos_dlq_exception";

  static final String TOPIC_HEADER = "custos_dlq_topic";
  static final String PARTITION_HEADER = "custos_dlq_partition";
  static final String OFFSET_HEADER = "custos_dlq_offset";

  private DeadLetters() {}

  static ProducerRecord<String, byte[]> of(
      ConsumerRecord<String, byte[]> record, String deadLetterTopic, Exception error) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    headers.add(ERROR_HEADER, utf8(message));
    headers.add(EXCEPTION_HEADER, utf8(error.getClass().getName()));
    headers.add(TOPIC_HEADER, utf8(record.topic()));
    headers.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
    headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
    return new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
