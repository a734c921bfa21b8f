package dev.custos.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void deadLetterAppendsDlqSuffix() {
    assertThat(Topics.deadLetter(Topics.REGISTRY_PUSHES)).isEqualTo("registry.pushes.dlq");
  }

  @Test
  void deadLetterRejectsDeadLetterTopic() {
    assertThatThrownBy(() -> Topics.deadLetter("audit.log.dlq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audit.log.dlq is already a dead-letter topic");
  }

  @Test
  void deadLetterRejectsBlankTopic() {
    assertThatThrownBy(() -> Topics.deadLetter(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topic must not be blank");
  }

  @Test
  void deadLetterRejectsNullTopic() {
    assertThatThrownBy(() -> Topics.deadLetter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("topic is required");
  }
}
