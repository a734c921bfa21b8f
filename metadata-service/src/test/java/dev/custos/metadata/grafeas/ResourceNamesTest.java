package dev.custos.metadata.grafeas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.api.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceNamesTest {

  @Test
  void noteNameParsesBothIds() {
    NoteName name = NoteName.parse("projects/goog-vulnz/notes/CVE-2024-0001", "noteName");

    assertThat(name.projectId()).isEqualTo("goog-vulnz");
    assertThat(name.noteId()).isEqualTo("CVE-2024-0001");
    assertThat(name.project()).hasToString("projects/goog-vulnz");
    assertThat(name).hasToString("projects/goog-vulnz/notes/CVE-2024-0001");
  }

  @Test
  void occurrenceNameParsesBothIds() {
    OccurrenceName name = OccurrenceName.parse("projects/p/occurrences/abc-123", "name");

    assertThat(name.projectId()).isEqualTo("p");
    assertThat(name.occurrenceId()).isEqualTo("abc-123");
  }

  @Test
  void projectNameParsesId() {
    assertThat(ProjectName.parse("projects/p_1.x", "name").projectId()).isEqualTo("p_1.x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "p/notes/n",
        "projects/p/occurrences/n",
        "projects/p/notes",
        "projects/p/notes/n/extra",
        "projects//notes/n",
        "projects/p/notes/",
        "projects/p/notes/.hidden",
        "projects/p/notes/has space"
      })
  void malformedNoteNameShowsForm(String name) {
    assertThatThrownBy(() -> NoteName.parse(name, "noteName"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("noteName")
        .hasMessageContaining("projects/{project}/notes/{note}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", ".hidden", "..", "has space", "tab\t", "caf\u00e9", "semi;colon"})
  void invalidIdIsRejected(String id) {
    assertThatThrownBy(() -> NoteName.of("p", id))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("note id")
        .hasMessageContaining("projects/{project}/notes/{note}");
  }

  @Test
  void idOf128CharactersIsMaximum() {
    String longest = "a".repeat(128);

    assertThat(NoteName.of("p", longest).noteId()).isEqualTo(longest);
    assertThatThrownBy(() -> NoteName.of("p", longest + "a"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void emptyNameIsRequired() {
    assertThatThrownBy(() -> OccurrenceName.parse("", "name"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("name is required");
  }

  @Test
  void projectNameWithSlashIsRejected() {
    assertThatThrownBy(() -> ProjectName.parse("projects/a/b", "project name"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("expected projects/{project}");
  }
}
