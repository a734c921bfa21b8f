package dev.custos.metadata.grafeas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.metadata.api.InvalidArgumentException;
import io.grafeas.v1.Occurrence;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
  private static final String STRUCT_ARGUMENT =
      "{\"build\":{\"intotoProvenance\":{\"recipe\":{\"arguments\":[{"
          + "\"@type\":\"type.googleapis.com/google.protobuf.Struct\","
          + "\"value\":{\"target\":\"app\"}}]}}}}";

  private static Occurrence parse(String json) {
    return ProtoJson.merge(ProtoJson.readObject(json, "occurrence"), Occurrence.newBuilder(), "o")
        .build();
  }

  @Test
  void structInAnyRoundTrips() {
    Occurrence occurrence = parse(STRUCT_ARGUMENT);

    assertThat(ProtoJson.print(occurrence)).isEqualTo(STRUCT_ARGUMENT);
  }

  @Test
  void unregisteredAnyTypeIsRejected() {
    String json = STRUCT_ARGUMENT.replace("google.protobuf.Struct", "example.Custom");

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("example.Custom");
  }

  @Test
  void unknownFieldIsNamed() {
    assertThatThrownBy(() -> parse("{\"resourceUri\":\"u\",\"colour\":\"red\"}"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("colour");
  }

  @Test
  void duplicateKeyIsRejected() {
    assertThatThrownBy(() -> ProtoJson.readObject("{\"a\":1,\"a\":2}", "note"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void trailingDataIsRejected() {
    assertThatThrownBy(() -> ProtoJson.readObject("{} {}", "note"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void arrayBodyIsRejected() {
    assertThatThrownBy(() -> ProtoJson.readObject("[]", "note"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("must be a JSON note object");
  }
}
