package dev.custos.events;

import java.util.Optional;

/**
 * Raised when event data cannot be encoded or decoded: malformed JSON, a missing or invalid field,
 * or invalid CloudEvents headers. A consumer dead-letters the record with this message.
 */
public class EventFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String eventType;

  /**
   * Creates the exception.
   *
   * @param eventType the CloudEvents type of the event, or {@code null} when the type itself is
   *     missing or unknown
   * @param message the problem, naming the field or header concerned
   * @param cause the underlying parser or validation error, or {@code null}
   */
  public EventFormatException(String eventType, String message, Throwable cause) {
    super(message, cause);
    this.eventType = eventType;
  }

  /** Returns the CloudEvents type of the event, if it was known when the problem was found. */
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType);
  }
}
