package dev.custos.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingRootTest {

  @Test
  void rootMatchesTreeAtEverySize() {
    StreamingRoot streaming = new StreamingRoot();
    MerkleTree tree = new MerkleTree(new InMemoryHashStore());
    assertThat(streaming.root()).isEqualTo(Rfc6962Hasher.emptyRoot());

    for (int i = 0; i < 300; i++) {
      byte[] leaf = Rfc6962Hasher.leafHash(ByteBuffer.allocate(4).putInt(i).array());
      streaming.append(leaf);
      tree.append(List.of(leaf));

      assertThat(streaming.size()).isEqualTo(i + 1);
      assertThat(streaming.root()).as("root at size %d", i + 1).isEqualTo(tree.root());
    }
  }
}
