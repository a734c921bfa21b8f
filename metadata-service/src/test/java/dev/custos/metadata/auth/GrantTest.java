package dev.custos.metadata.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class GrantTest {

  @Test
  void roleGrantGivesRolePermissions() {
    Grant grant = Grant.parse("writer@team-a");

    assertThat(grant.projectPattern()).isEqualTo("team-a");
    assertThat(grant.permissions()).isEqualTo(Role.WRITER.permissions());
  }

  @Test
  void permissionGrantGivesOnePermission() {
    Grant grant = Grant.parse(" notes.attachOccurrence @ shared ");

    assertThat(grant.projectPattern()).isEqualTo("shared");
    assertThat(grant.permissions()).containsExactly(Permission.NOTES_ATTACH_OCCURRENCE);
  }

  @Test
  void namesIgnoreCase() {
    assertThat(Grant.parse("Reader@p").permissions()).isEqualTo(Role.READER.permissions());
    assertThat(Grant.parse("NOTES.GET@p").permissions()).containsExactly(Permission.NOTES_GET);
  }

  @Test
  void exactPatternMatchesOnlyItsProject() {
    Grant grant = Grant.parse("reader@team-a");

    assertThat(grant.matches("team-a")).isTrue();
    assertThat(grant.matches("team-ab")).isFalse();
    assertThat(grant.matches("team")).isFalse();
  }

  @Test
  void prefixPatternMatchesPrefixedProjects() {
    Grant grant = Grant.parse("reader@team-*");

    assertThat(grant.matches("team-a")).isTrue();
    assertThat(grant.matches("team-")).isTrue();
    assertThat(grant.matches("team")).isFalse();
    assertThat(grant.matches("other-team-a")).isFalse();
  }

  @Test
  void starMatchesEveryProject() {
    Grant grant = Grant.parse("admin@*");

    assertThat(grant.matches("anything")).isTrue();
    assertThat(grant.coversAllProjects(Permission.PROJECTS_LIST)).isTrue();
    assertThat(Grant.parse("admin@team-*").coversAllProjects(Permission.PROJECTS_LIST)).isFalse();
  }

  @Test
  void unknownRoleIsRejected() {
    assertThatThrownBy(() -> Grant.parse("owner@p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'owner'")
        .hasMessageContaining("reader, attacher, writer, admin");
  }

  @Test
  void missingPatternIsRejected() {
    assertThatThrownBy(() -> Grant.parse("writer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'writer'")
        .hasMessageContaining("writer@team-a");
    assertThatThrownBy(() -> Grant.parse("writer@")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Grant.parse("@p")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidPatternIsRejected() {
    assertThatThrownBy(() -> Grant.parse("reader@team/a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'team/a'");
    assertThatThrownBy(() -> Grant.parse("reader@*team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'*team'");
  }

  @Test
  void rolesNestAsDocumented() {
    assertThat(Role.WRITER.permissions()).containsAll(Role.READER.permissions());
    assertThat(Role.WRITER.permissions()).containsAll(Role.ATTACHER.permissions());
    assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.allOf(Permission.class));
    assertThat(Role.WRITER.permissions())
        .doesNotContain(
            Permission.PROJECTS_CREATE, Permission.PROJECTS_DELETE, Permission.PROJECTS_LIST);
    assertThat(Role.READER.permissions())
        .doesNotContain(Permission.NOTES_ATTACH_OCCURRENCE, Permission.OCCURRENCES_CREATE);
  }

  @Test
  void permissionNamesAreTheGrafeasOnes() {
    assertThat(Permission.NOTES_LIST_OCCURRENCES.grafeasName()).isEqualTo("notes.listOccurrences");
    assertThat(Permission.NOTES_ATTACH_OCCURRENCE.grafeasName())
        .isEqualTo("notes.attachOccurrence");
    assertThat(Permission.OCCURRENCES_DELETE.grafeasName()).isEqualTo("occurrences.delete");
  }
}
