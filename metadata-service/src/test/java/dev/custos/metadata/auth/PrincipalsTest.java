package dev.custos.metadata.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.MetadataConfig;
import dev.custos.metadata.api.UnauthenticatedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrincipalsTest {
  /** SHA-256 of "custos-dev-token". */
  private static final String DEV_TOKEN_HASH =
      "604f347b5e5b0cc6c9bd0abca5c2b9548486cdc63237ad62babf85866a4614e9";

  private record Settings(List<String> tokenSha256, Optional<List<String>> grants)
      implements MetadataConfig.PrincipalSettings {}

  private static Principals principals(Map<String, MetadataConfig.PrincipalSettings> configured) {
    return new Principals(configured, null);
  }

  private static Map<String, MetadataConfig.PrincipalSettings> dev(String... grants) {
    return Map.of("dev", new Settings(List.of(DEV_TOKEN_HASH), Optional.of(List.of(grants))));
  }

  @Test
  void tokenMapsToItsPrincipal() {
    ApiPrincipal principal =
        principals(dev("admin@*")).authenticate("custos-dev-token").orElseThrow();

    assertThat(principal.name()).isEqualTo("dev");
    assertThat(principal.allows(Permission.PROJECTS_DELETE, "any")).isTrue();
  }

  @Test
  void otherTokenIsRejected() {
    assertThat(principals(dev("admin@*")).authenticate("custos-dev-token2")).isEmpty();
  }

  @Test
  void uppercaseHashIsAccepted() {
    Principals principals =
        principals(
            Map.of("dev", new Settings(List.of(DEV_TOKEN_HASH.toUpperCase()), Optional.empty())));

    assertThat(principals.authenticate("custos-dev-token")).isPresent();
  }

  @Test
  void secondHashSupportsRotation() {
    Principals principals =
        principals(
            Map.of(
                "ci",
                new Settings(
                    List.of(AccessTestProfile.sha256("old"), AccessTestProfile.sha256("new")),
                    Optional.of(List.of("reader@*")))));

    assertThat(principals.authenticate("old").orElseThrow().name()).isEqualTo("ci");
    assertThat(principals.authenticate("new").orElseThrow().name()).isEqualTo("ci");
  }

  @Test
  void principalWithoutGrantsMayDoNothing() {
    Principals principals =
        principals(Map.of("idle", new Settings(List.of(DEV_TOKEN_HASH), Optional.empty())));
    ApiPrincipal idle = principals.authenticate("custos-dev-token").orElseThrow();

    for (Permission permission : Permission.values()) {
      assertThat(idle.allows(permission, "p")).as(permission.grafeasName()).isFalse();
    }
  }

  @Test
  void noPrincipalAcceptsNoToken() {
    Principals none = principals(Map.of());

    assertThat(none.count()).isZero();
    assertThat(none.authenticate("custos-dev-token")).isEmpty();
  }

  @Test
  void headerWithoutBearerIsUnauthenticated() {
    Principals principals = principals(dev("admin@*"));

    assertThatThrownBy(() -> principals.authenticateHeader(null))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("no bearer token");
    assertThatThrownBy(() -> principals.authenticateHeader("Basic abc"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("no bearer token");
    assertThatThrownBy(() -> principals.authenticateHeader("Bearer "))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("not valid");
    assertThat(principals.authenticateHeader("bearer custos-dev-token").name()).isEqualTo("dev");
  }

  @Test
  void invalidHashStopsStartup() {
    assertThatThrownBy(
            () ->
                principals(
                    Map.of("ci", new Settings(List.of("custos-dev-token"), Optional.empty()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.principals.ci.token-sha256")
        .hasMessageNotContaining("custos-dev-token");
  }

  @Test
  void invalidGrantStopsStartup() {
    assertThatThrownBy(() -> principals(dev("owner@*")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.principals.dev.grants")
        .hasMessageContaining("'owner'");
  }

  @Test
  void sharedHashStopsStartup() {
    Map<String, MetadataConfig.PrincipalSettings> configured =
        Map.of(
            "a", new Settings(List.of(DEV_TOKEN_HASH), Optional.empty()),
            "b", new Settings(List.of(DEV_TOKEN_HASH), Optional.empty()));

    assertThatThrownBy(() -> principals(configured))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.principals.a.token-sha256")
        .hasMessageContaining("custos.metadata.principals.b.token-sha256");
  }

  @Test
  void removedTokensPropertyStopsStartup() {
    assertThatThrownBy(() -> new Principals(Map.of(), DEV_TOKEN_HASH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("custos.metadata.tokens is no longer read")
        .hasMessageContaining("custos.metadata.principals.<name>.token-sha256");
  }
}
