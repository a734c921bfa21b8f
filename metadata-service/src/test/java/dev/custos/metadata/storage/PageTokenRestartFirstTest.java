package dev.custos.metadata.storage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One of the two applications of {@link PageTokenRestartCheck}. Its profile differs from the other
 * one's, so Quarkus starts a new application for it.
 */
@QuarkusTest
@TestProfile(PageTokenRestartFirstTest.Profile.class)
@WithTestResource(RestartDatabaseResource.class)
class PageTokenRestartFirstTest {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("custos.metadata.page-size-default", "100");
    }
  }

  @Test
  void pageTokenSurvivesRestart() throws SQLException {
    PageTokenRestartCheck.run(this);
  }
}
