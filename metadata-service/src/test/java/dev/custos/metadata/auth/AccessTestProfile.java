package dev.custos.metadata.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Principals with limited grants, next to the development principal of the test profile, for the
 * 401 and 403 tests of both transports.
 */
public class AccessTestProfile implements QuarkusTestProfile {
  /** Holds {@code reader@*}. */
  public static final String READER_TOKEN = "reader-token";

  /** Holds {@code writer@team-a}: it may write in team-a but not attach to notes elsewhere. */
  public static final String TEAM_A_WRITER_TOKEN = "team-a-writer-token";

  /** Holds {@code writer@team-a} and {@code attacher@shared}. */
  public static final String SCANNER_TOKEN = "scanner-token";

  /** Holds {@code admin@team-*}: every permission on the team projects, but not projects.list. */
  public static final String TEAM_ADMIN_TOKEN = "team-admin-token";

  /** Authenticated, with no grant at all. */
  public static final String NO_GRANTS_TOKEN = "no-grants-token";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.ofEntries(
        Map.entry("custos.metadata.principals.reader.token-sha256", sha256(READER_TOKEN)),
        Map.entry("custos.metadata.principals.reader.grants", "reader@*"),
        Map.entry(
            "custos.metadata.principals.team-a-writer.token-sha256", sha256(TEAM_A_WRITER_TOKEN)),
        Map.entry("custos.metadata.principals.team-a-writer.grants", "writer@team-a"),
        Map.entry("custos.metadata.principals.scanner.token-sha256", sha256(SCANNER_TOKEN)),
        Map.entry("custos.metadata.principals.scanner.grants", "writer@team-a,attacher@shared"),
        Map.entry("custos.metadata.principals.team-admin.token-sha256", sha256(TEAM_ADMIN_TOKEN)),
        Map.entry("custos.metadata.principals.team-admin.grants", "admin@team-*"),
        Map.entry("custos.metadata.principals.no-grants.token-sha256", sha256(NO_GRANTS_TOKEN)));
  }

  /** Returns the lowercase hex SHA-256 of a token, as the configuration lists it. */
  public static String sha256(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
