package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.audit.TestResources;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Rfc6962HasherTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNode VECTORS =
      TestResources.json("vectors/rfc6962_reference_roots.json").get("hasher_vectors");

  @Test
  void emptyRootIsSha256OfNothing() {
    assertThat(HEX.formatHex(Rfc6962Hasher.emptyRoot()))
        .isEqualTo(VECTORS.get("empty_tree").asText());
  }

  @Test
  void leafHashOfEmptyEntry() {
    assertThat(HEX.formatHex(Rfc6962Hasher.leafHash(new byte[0])))
        .isEqualTo(VECTORS.get("leaf_of_empty").asText());
  }

  @Test
  void leafHashOfAsciiEntry() {
    byte[] entry = "L123456".getBytes(StandardCharsets.US_ASCII);

    assertThat(HEX.formatHex(Rfc6962Hasher.leafHash(entry)))
        .isEqualTo(VECTORS.get("leaf_of_ascii_L123456").asText());
  }

  @Test
  void nodeHashOfRawChildren() {
    byte[] left = "N123".getBytes(StandardCharsets.US_ASCII);
    byte[] right = "N456".getBytes(StandardCharsets.US_ASCII);

    assertThat(HEX.formatHex(Rfc6962Hasher.nodeHash(left, right)))
        .isEqualTo(VECTORS.get("node_of_ascii_N123_and_N456_raw_bytes").asText());
  }

  @Test
  void leafAndNodeHashesDiffer() {
    byte[] left = new byte[16];
    byte[] right = new byte[16];
    byte[] concatenated = new byte[32];

    assertThat(Rfc6962Hasher.leafHash(concatenated))
        .isNotEqualTo(Rfc6962Hasher.nodeHash(left, right));
  }
}
