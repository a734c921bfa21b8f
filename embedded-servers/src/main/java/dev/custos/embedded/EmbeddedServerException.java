package dev.custos.embedded;

/** An embedded Kafka broker or PostgreSQL server failed to start, stop or answer. */
public class EmbeddedServerException extends RuntimeException {

  public EmbeddedServerException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddedServerException(String message) {
    super(message);
  }
}
