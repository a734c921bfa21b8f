package dev.custos.events.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.custos.events.image.InvalidImageReferenceException.Part;
import org.junit.jupiter.api.Test;

class InvalidImageReferenceExceptionTest {

  @Test
  void messageNamesPartValueAndInput() {
    InvalidImageReferenceException e = rejectionOf("Library/Nginx:1");

    assertThat(e)
        .hasMessage(
            "invalid repository \"Library/Nginx\" in \"Library/Nginx:1\":"
                + " repository names must be lowercase. Use \"library/nginx\" instead");
    assertThat(e.part()).isEqualTo(Part.REPOSITORY);
    assertThat(e.value()).isEqualTo("Library/Nginx");
    assertThat(e.input()).contains("Library/Nginx:1");
    assertThat(e.rule()).startsWith("repository names must be lowercase");
  }

  @Test
  void isIllegalArgumentException() {
    assertThat(rejectionOf("nginx:")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageEscapesControlCharacters() {
    InvalidImageReferenceException e = rejectionOf("nginx\n\u001b[31m:1");

    assertThat(e.getMessage()).contains("\"nginx\\u000A\\u001B[31m:1\"");
    assertThat(e.getMessage()).doesNotContain("\n");
    assertThat(e.getMessage()).doesNotContain("\u001b");
    assertThat(e.value()).isEqualTo("nginx\n\u001b[31m:1");
  }

  @Test
  void messageEscapesQuotes() {
    InvalidImageReferenceException e = rejectionOf("a\"b");

    assertThat(e.getMessage()).startsWith("invalid repository \"a\\\"b\": ");
  }

  @Test
  void messageCutsLongValues() {
    String input = "x".repeat(10_000) + "/";

    InvalidImageReferenceException e = rejectionOf(input);

    assertThat(e.getMessage()).contains("... (10001 characters)");
    assertThat(e.getMessage().length()).isLessThan(1000);
    assertThat(e.value()).isEqualTo(input);
  }

  @Test
  void referenceMessageOmitsInput() {
    InvalidImageReferenceException e = rejectionOf("");

    assertThat(e).hasMessage("invalid reference \"\": the reference is empty");
  }

  private static InvalidImageReferenceException rejectionOf(String input) {
    return catchThrowableOfType(
        InvalidImageReferenceException.class, () -> ImageReference.parse(input));
  }
}
