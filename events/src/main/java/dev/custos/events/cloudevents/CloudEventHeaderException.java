package dev.custos.events.cloudevents;

import dev.custos.events.EventFormatException;

/** Raised when a Kafka record's CloudEvents header is missing, repeated or invalid. */
public final class CloudEventHeaderException extends EventFormatException {
  private static final long serialVersionUID = 1L;

  private final String header;

  /**
   * Creates the exception.
   *
   * @param header the name of the header, such as {@code ce_type}
   * @param eventType the CloudEvents type of the record, or {@code null} when it is not known yet
   * @param message the problem, naming the header and its value
   * @param cause the parser error, or {@code null}
   */
  public CloudEventHeaderException(
      String header, String eventType, String message, Throwable cause) {
    super(eventType, message, cause);
    this.header = header;
  }

  /** Returns the name of the header that is missing, repeated or invalid. */
  public String header() {
    return header;
  }
}
