package dev.custos.events.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs long enough to overflow the stack of a backtracking regex must fail cleanly. */
class LongReferenceTest {

  @Test
  void longSeparatedRepositoryIsRejected() {
    String reference = "gcr.io/" + "a-".repeat(20_000) + "a:v1";

    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("repository names are at most 255 characters");
  }

  @Test
  void longInvalidRepositoryIsRejected() {
    String reference = "a-".repeat(20_000) + "!";

    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(InvalidImageReferenceException.class);
  }

  @Test
  void longComponentParsesOnSmallStack() throws InterruptedException {
    String repository = "a-".repeat(100) + "a";
    ImageReference[] parsed = new ImageReference[1];
    Thread thread =
        new Thread(null, () -> parsed[0] = ImageReference.parse(repository), "small-stack", 64_000);

    thread.start();
    thread.join();

    assertThat(parsed[0]).isNotNull();
    assertThat(parsed[0].canonicalName()).isEqualTo("docker.io/library/" + repository);
  }

  @ParameterizedTest
  @CsvSource({
    "a, true",
    "a.b, true",
    "a_b, true",
    "a__b, true",
    "a___b, false",
    "a---b, true",
    "a-, false",
    "-a, false",
    "a._b, false",
    "a..b, false",
    "'', false",
    "A, false"
  })
  void pathComponentGrammar(String component, boolean valid) {
    assertThat(ImageReference.isPathComponent(component)).isEqualTo(valid);
  }
}
