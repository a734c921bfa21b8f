package dev.custos.metadata.api;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import org.hibernate.JDBCException;

/** Tells failures to reach PostgreSQL, which a client may retry, from other database errors. */
final class DatabaseFailures {
  /**
   * SQLSTATEs of a server that is shutting down, starting or out of connections: admin_shutdown,
   * crash_shutdown, cannot_connect_now and too_many_connections. Class 08 (connection exception) is
   * matched as a whole.
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  /**
   * Returns whether {@code e} or one of its causes shows that the database could not be reached: a
   * refused or timed-out connection, a connection closed under a query, or a server that is
   * shutting down or has no free connection.
   */
  static boolean isUnavailable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof SocketException
          || cause instanceof ClosedChannelException
          || cause instanceof ClosedConnectionException) {
        return true;
      }
      String sqlState = sqlState(cause);
      if (sqlState != null
          && (sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState))) {
        return true;
      }
    }

    return false;
  }

  /** Returns the SQLSTATE of the first database error in the cause chain, or null. */
  static String findSqlState(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String sqlState = sqlState(cause);
      if (sqlState != null) {
        return sqlState;
      }
    }

    return null;
  }

  private static String sqlState(Throwable cause) {
    if (cause instanceof DatabaseException databaseException) {
      return databaseException.getSqlState();
    }
    if (cause instanceof JDBCException jdbcException) {
      return jdbcException.getSQLState();
    }

    return null;
  }
}
