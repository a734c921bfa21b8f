package dev.custos.audit.log;

/** Failure of a read or an append on the log's PostgreSQL store. A failed append is rolled back. */
public class LogStoreException extends RuntimeException {
  public LogStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
