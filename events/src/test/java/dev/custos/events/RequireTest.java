package dev.custos.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequireTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha512:ee26b0dd4af7e749aa1a8ee3c10ae9923f618980772e473f8819a5d4940e0db27ac185f8a0e1d5f84f88bc887fd67b143732c304cc5fa9ad8e6f57f50028a8ff"
      })
  void digestAcceptsValidDigest(String digest) {
    assertThat(Require.digest(digest, "digest")).isEqualTo(digest);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256:9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
        "sha256:9f86d081",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha512:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha256:",
        "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8"
      })
  void digestRejectsInvalidDigest(String digest) {
    assertThatThrownBy(() -> Require.digest(digest, "digest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("digest is not a valid digest: invalid digest \"" + digest + "\"");
  }

  @Test
  void textRejectsNullWithFieldName() {
    assertThatThrownBy(() -> Require.text(null, "repository"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("repository is required");
  }

  @Test
  void optionalTextRejectsBlank() {
    assertThatThrownBy(() -> Require.optionalText("", "tag"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag must not be blank");
  }

  @Test
  void optionalTextAcceptsNull() {
    assertThat(Require.optionalText(null, "tag")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "projects/p/occurrences",
        "projects/p/notes/n",
        "projects//occurrences/o",
        "projects/p/occurrences/o/extra",
        "project/p/occurrences/o",
        "projects/p q/occurrences/o"
      })
  void resourceNameRejectsInvalidName(String name) {
    assertThatThrownBy(() -> Require.resourceName(name, "occurrences", "occurrenceName"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("occurrenceName is not a valid Grafeas name");
  }

  @Test
  void resourceNameAcceptsValidName() {
    String name = "projects/custos-demo/occurrences/4d2b7f0e";

    assertThat(Require.resourceName(name, "occurrences", "occurrenceName")).isEqualTo(name);
  }

  @Test
  void listRejectsNullElementWithIndex() {
    List<String> values = Arrays.asList("a", null);

    assertThatThrownBy(() -> Require.list(values, "reasons"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reasons[1] is required");
  }

  @Test
  void listReturnsUnmodifiableCopy() {
    List<String> values = new ArrayList<>(List.of("a"));

    List<String> copy = Require.list(values, "values");
    values.add("b");

    assertThat(copy).containsExactly("a");
    assertThatThrownBy(() -> copy.add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nonEmptyListRejectsEmptyList() {
    assertThatThrownBy(() -> Require.nonEmptyList(List.of(), "reasons"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reasons must not be empty");
  }

  @Test
  void nonNegativeRejectsNegative() {
    assertThatThrownBy(() -> Require.nonNegative(-1, "size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must not be negative, but is -1");
  }

  @Test
  void jsonObjectRejectsArray() {
    assertThatThrownBy(() -> Require.jsonObject(JsonNodeFactory.instance.arrayNode(), "entry"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry must be a JSON object, but is ARRAY");
  }
}
