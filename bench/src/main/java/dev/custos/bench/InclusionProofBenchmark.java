package dev.custos.bench;

import dev.custos.audit.merkle.InMemoryHashStore;
import dev.custos.audit.merkle.InvalidProofException;
import dev.custos.audit.merkle.MerkleTree;
import dev.custos.audit.merkle.ProofVerifier;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An inclusion proof from a tree of {@code size} leaves, against the baseline of verifying one
 * proof of the same length (the hashing a proof costs a client).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class InclusionProofBenchmark {

  private static final int APPEND_BATCH = 65_536;

  @Param({"10000000"})
  public long size;

  private MerkleTree tree;
  private byte[] root;
  private byte[] sampleLeafHash;
  private long sampleIndex;
  private List<byte[]> sampleProof;
  private final SplittableRandom random = new SplittableRandom(42);

  @Setup
  public void buildTree() throws InvalidProofException {
    tree = new MerkleTree(new InMemoryHashStore());
    List<byte[]> batch = new ArrayList<>(APPEND_BATCH);
    for (long i = 0; i < size; i++) {
      batch.add(Rfc6962Hasher.leafHash(ByteBuffer.allocate(Long.BYTES).putLong(i).array()));
      if (batch.size() == APPEND_BATCH) {
        tree.append(batch);
        batch = new ArrayList<>(APPEND_BATCH);
      }
    }
    tree.append(batch);
    root = tree.root();

    sampleIndex = size / 3;
    sampleLeafHash =
        Rfc6962Hasher.leafHash(ByteBuffer.allocate(Long.BYTES).putLong(sampleIndex).array());
    sampleProof = tree.inclusionProof(sampleIndex, size);
    ProofVerifier.verifyInclusion(sampleLeafHash, sampleIndex, size, sampleProof, root);
  }

  /** Baseline: verify one inclusion proof of the same length, the client's side of the work. */
  @Benchmark
  public byte[] baselineVerifyProof() throws InvalidProofException {
    ProofVerifier.verifyInclusion(sampleLeafHash, sampleIndex, size, sampleProof, root);
    return root;
  }

  @Benchmark
  public List<byte[]> inclusionProof() {
    return tree.inclusionProof(random.nextLong(size), size);
  }
}
