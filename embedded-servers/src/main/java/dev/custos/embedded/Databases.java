package dev.custos.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

final class Databases {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Databases() {}

  /**
   * Creates {@code database} unless it exists. Names are restricted to lowercase SQL identifiers so
   * that they can be written into the statement without quoting.
   */
  static void createIfMissing(Connection connection, String database) throws SQLException {
    if (!NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "invalid database name \"" + database + "\": use 1 to 63 of a-z, 0-9 and _");
    }
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, database);
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
  }
}
