package dev.custos.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.audit.TestResources;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inclusion and consistency probes of transparency-dev/merkle: a few valid proofs and many
 * mutations of them, each with the outcome its verifier expects.
 */
class ProofProbeVectorsTest {
  private static final String INCLUSION = "vectors/transparency-dev-merkle/testdata/inclusion";
  private static final String CONSISTENCY = "vectors/transparency-dev-merkle/testdata/consistency";

  /**
   * Probes whose hashes are not 32 bytes but which transparency-dev/merkle accepts, because it
   * compares the two roots of equal sizes without checking their length. This verifier requires
   * 32-byte hashes everywhere, so it rejects them.
   */
  private static final Set<String> REJECTED_FOR_HASH_LENGTH =
      Set.of(CONSISTENCY + "/additional/sizes-are-equal-one-and-proof-is-empty.json");

  static Stream<String> inclusionProbes() {
    return TestResources.jsonFilesUnder(INCLUSION).stream();
  }

  static Stream<String> consistencyProbes() {
    return TestResources.jsonFilesUnder(CONSISTENCY).stream();
  }

  @Test
  void probeCountsMatchSource() {
    assertThat(inclusionProbes().count()).isEqualTo(98);
    assertThat(consistencyProbes().count()).isEqualTo(98);
  }

  @ParameterizedTest
  @MethodSource("inclusionProbes")
  void inclusionProbeAgreesWithWantErr(String file) {
    JsonNode probe = TestResources.json(file);

    ThrowingVerification verification =
        () ->
            ProofVerifier.verifyInclusion(
                decode(probe.get("leafHash")),
                toLong(probe.get("leafIdx")),
                toLong(probe.get("treeSize")),
                decodeAll(probe.get("proof")),
                decode(probe.get("root")));

    assertOutcome(verification, probe.get("wantErr").asBoolean(), probe.get("desc").asText());
  }

  @ParameterizedTest
  @MethodSource("consistencyProbes")
  void consistencyProbeAgreesWithWantErr(String file) {
    JsonNode probe = TestResources.json(file);
    boolean wantErr = probe.get("wantErr").asBoolean() || REJECTED_FOR_HASH_LENGTH.contains(file);

    ThrowingVerification verification =
        () ->
            ProofVerifier.verifyConsistency(
                toLong(probe.get("size1")),
                toLong(probe.get("size2")),
                decode(probe.get("root1")),
                decode(probe.get("root2")),
                decodeAll(probe.get("proof")));

    assertOutcome(verification, wantErr, probe.get("desc").asText());
  }

  @Test
  void equalSizeProbeRejectsShortRoots() {
    String file = REJECTED_FOR_HASH_LENGTH.iterator().next();
    JsonNode probe = TestResources.json(file);

    assertThat(probe.get("wantErr").asBoolean()).isFalse();
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    1, 1, decode(probe.get("root1")), decode(probe.get("root2")), List.of()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageContaining("has 12 bytes, expected 32");
  }

  private interface ThrowingVerification {
    void run() throws InvalidProofException;
  }

  private static void assertOutcome(
      ThrowingVerification verification, boolean wantErr, String description) {
    if (wantErr) {
      assertThatThrownBy(verification::run)
          .as(description)
          .isInstanceOf(InvalidProofException.class);
    } else {
      assertThatCode(verification::run).as(description).doesNotThrowAnyException();
    }
  }

  /**
   * Reads a size or index. The probes are unsigned 64-bit; a value beyond a signed long becomes
   * negative here, which the verifier rejects like the out-of-range value it is.
   */
  private static long toLong(JsonNode value) {
    return new BigInteger(value.asText()).longValue();
  }

  private static byte[] decode(JsonNode value) {
    return value == null || value.isNull() ? null : Base64.getDecoder().decode(value.asText());
  }

  private static List<byte[]> decodeAll(JsonNode values) {
    List<byte[]> hashes = new ArrayList<>();
    if (values != null && !values.isNull()) {
      values.forEach(value -> hashes.add(decode(value)));
    }
    return hashes;
  }
}
