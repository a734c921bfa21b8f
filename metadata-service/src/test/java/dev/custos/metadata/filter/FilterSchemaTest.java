package dev.custos.metadata.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.api.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterSchemaTest {

  @Test
  void valuesAreBoundNotWritten() {
    String injected = "x') OR 1=1; DROP TABLE occurrences; --";

    SqlFilter filter =
        FilterSchema.OCCURRENCES.compile(
            "resourceUri=\""
                + injected
                + "\" OR vulnerability.shortDescription=\""
                + injected
                + "\"");

    assertThat(filter.condition()).doesNotContain("DROP").doesNotContain("1=1");
    assertThat(filter.parameters()).containsValues(injected);
    assertThat(filter.text()).contains(injected);
  }

  @Test
  void columnAliasesShareColumn() {
    for (String field :
        new String[] {"resourceUri", "resource_uri", "resourceUrl", "resource_url"}) {
      SqlFilter filter = FilterSchema.OCCURRENCES.compile(field + "=\"u\"");

      assertThat(filter.condition()).isEqualTo("resource_uri = :filter0");
      assertThat(filter.parameters()).containsEntry("filter0", "u");
    }
  }

  @Test
  void noteProjectIdBecomesProjectName() {
    SqlFilter filter = FilterSchema.OCCURRENCES.compile("noteProjectId=\"goog-vulnz\"");

    assertThat(filter.condition()).isEqualTo("note_project = :filter0");
    assertThat(filter.parameters()).containsEntry("filter0", "projects/goog-vulnz");
  }

  @Test
  void legacyKindNameIsTranslated() {
    SqlFilter filter = FilterSchema.OCCURRENCES.compile("kind=PACKAGE_VULNERABILITY");

    assertThat(filter.parameters()).containsEntry("filter0", "VULNERABILITY");
  }

  @Test
  void valuesGetTheFieldType() {
    SqlFilter filter =
        FilterSchema.OCCURRENCES.compile(
            "vulnerability.cvssScore >= 7.5 AND createTime > \"2024-05-01T12:00:00Z\""
                + " AND vulnerability.fixAvailable = true");

    assertThat(filter.parameters().get("filter0")).isEqualTo(new BigDecimal("7.5"));
    assertThat(filter.parameters().get("filter1"))
        .isEqualTo(OffsetDateTime.parse("2024-05-01T12:00:00Z"));
    assertThat(filter.parameters().get("filter2")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void detailFieldRequiresDetail() {
    SqlFilter filter = FilterSchema.OCCURRENCES.compile("vulnerability.effectiveSeverity=HIGH");

    assertThat(filter.condition())
        .isEqualTo(
            "coalesce(body -> 'vulnerability' IS NOT NULL AND coalesce(body #>>"
                + " '{vulnerability,effectiveSeverity}', :filter0) = :filter1, false)");
    assertThat(filter.parameters())
        .containsEntry("filter0", "SEVERITY_UNSPECIFIED")
        .containsEntry("filter1", "HIGH");
  }

  @Test
  void repeatedFieldMatchesAnyElement() {
    SqlFilter filter =
        FilterSchema.OCCURRENCES.compile("attestation.signatures.publicKeyId:\"key-1\"");

    assertThat(filter.condition())
        .startsWith(
            "EXISTS (SELECT 1 FROM jsonb_array_elements(body #> '{attestation,signatures}')")
        .contains("element.value #>> '{publicKeyId}'");
  }

  @Test
  void repeatedScalarMatchesAnyElement() {
    SqlFilter filter = FilterSchema.NOTES.compile("relatedNoteNames:\"projects/p/notes/n\"");

    assertThat(filter.condition())
        .isEqualTo(
            "EXISTS (SELECT 1 FROM jsonb_array_elements(body #> '{relatedNoteNames}') AS"
                + " element(value) WHERE coalesce(element.value #>> '{}', '') = :filter0)");
    assertThat(filter.parameters()).containsEntry("filter0", "projects/p/notes/n");
  }

  @Test
  void discoveryStatusIsEnum() {
    SqlFilter filter =
        FilterSchema.OCCURRENCES.compile("discovery.analysisStatus=FINISHED_SUCCESS");

    assertThat(filter.condition()).contains("'{discovery,analysisStatus}'");
    assertThat(filter.parameters())
        .containsEntry("filter0", "ANALYSIS_STATUS_UNSPECIFIED")
        .containsEntry("filter1", "FINISHED_SUCCESS");
  }

  @Test
  void snakeCaseNamesResolve() {
    SqlFilter filter = FilterSchema.OCCURRENCES.compile("vulnerability.effective_severity=LOW");

    assertThat(filter.condition()).contains("'{vulnerability,effectiveSeverity}'");
  }

  @Test
  void presenceUsesJsonPath() {
    SqlFilter filter = FilterSchema.NOTES.compile("vulnerability.cvssScore:*");

    assertThat(filter.condition())
        .isEqualTo("jsonb_path_exists(body, '$.\"vulnerability\".\"cvssScore\"')");
    assertThat(filter.parameters()).isEmpty();
  }

  @Test
  void blankFilterMatchesAll() {
    assertThat(FilterSchema.NOTES.compile(" ")).isSameAs(SqlFilter.NONE);
    assertThat(FilterSchema.NOTES.compile(null)).isSameAs(SqlFilter.NONE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "colour=\"red\"                          | position 1: unknown field 'colour' for occurrences",
        "kind=\"FOO\"                            | unknown kind 'FOO'; expected one of",
        "kind<\"ATTESTATION\"                    | field 'kind' is an enum",
        "vulnerability.nope=\"x\"                | unknown field 'nope' in 'vulnerability.nope'",
        "vulnerability.effectiveSeverity=SEVERE  | 'SEVERE' is not a value of Severity",
        "vulnerability.effectiveSeverity>LOW     | is an enum, so compare it with =, != or :",
        "vulnerability.cvssScore>\"high\"        | field 'vulnerability.cvssScore' is a number",
        "createTime>\"yesterday\"                | is not an RFC 3339 time",
        "vulnerability.fixAvailable=yes          | the value must be true or false",
        "vulnerability=\"x\"                     | field 'vulnerability' is a message",
        "vulnerability.cvssScore.x=1             | field 'vulnerability.cvssScore' has no fields",
        "attestation.signatures.publicKeyId!=\"k\" | takes only : or = (any element matches)",
        "kind=\"BUILD\" AND name=\"a\" AND bogus=1 | position 31: unknown field 'bogus'",
      })
  void rejectsInvalidOccurrenceFilter(String filter, String message) {
    assertThatThrownBy(() -> FilterSchema.OCCURRENCES.compile(filter))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void projectFilterKnowsOnlyColumns() {
    assertThat(FilterSchema.PROJECTS.compile("name=\"projects/p\"").condition())
        .isEqualTo("name = :filter0");
    assertThatThrownBy(() -> FilterSchema.PROJECTS.compile("kind=\"ATTESTATION\""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("unknown field 'kind' for projects; use one of name, createTime");
  }
}
