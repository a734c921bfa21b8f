package dev.custos.audit.checkpoint;

import dev.custos.audit.merkle.Rfc6962Hasher;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint v1: the note text that commits a log to a tree. It is the origin line, the
 * tree size in decimal, the base64 root hash and zero or more extension lines, each ending in a
 * newline.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

  public Checkpoint {
    extensions = List.copyOf(extensions);
    if (origin.isEmpty() || origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("checkpoint origin must be one non-empty line");
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must not be negative, was " + size);
    }
    if (rootHash.length != Rfc6962Hasher.HASH_SIZE) {
      throw new IllegalArgumentException(
          "checkpoint root hash must be 32 bytes, was " + rootHash.length);
    }
    rootHash = rootHash.clone();
    for (String extension : extensions) {
      if (extension.isEmpty() || extension.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("checkpoint extension must be one non-empty line");
      }
    }
  }

  /** Creates a checkpoint without extension lines. */
  public Checkpoint(String origin, long size, byte[] rootHash) {
    this(origin, size, rootHash, List.of());
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Checkpoint)) {
      return false;
    }
    Checkpoint checkpoint = (Checkpoint) other;
    return origin.equals(checkpoint.origin)
        && size == checkpoint.size
        && Arrays.equals(rootHash, checkpoint.rootHash)
        && extensions.equals(checkpoint.extensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash), extensions);
  }

  /** Describes the checkpoint by its note text. */
  @Override
  public String toString() {
    return "Checkpoint[" + toText().replace('\n', ' ').strip() + "]";
  }

  /** Formats the checkpoint as note text, ending with a newline. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(origin).append('\n');
    text.append(size).append('\n');
    text.append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
    for (String extension : extensions) {
      text.append(extension).append('\n');
    }
    return text.toString();
  }

  /** Signs the checkpoint and returns the signed note. */
  public String sign(List<NoteSigner> signers) {
    return SignedNote.sign(toText(), signers);
  }

  /**
   * Parses checkpoint note text.
   *
   * @throws InvalidNoteException if the text is not a checkpoint with a 32-byte root hash
   */
  public static Checkpoint parse(String text) throws InvalidNoteException {
    if (!text.endsWith("\n")) {
      throw new InvalidNoteException("checkpoint does not end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new InvalidNoteException(
          "checkpoint has " + lines.length + " lines, expected origin, size and root hash");
    }
    if (lines[0].isEmpty()) {
      throw new InvalidNoteException("checkpoint origin line is empty");
    }

    long size = parseSize(lines[1]);
    byte[] rootHash = NoteKeys.decodeBase64(lines[2]);
    if (rootHash == null || rootHash.length != Rfc6962Hasher.HASH_SIZE) {
      throw new InvalidNoteException(
          "checkpoint root hash is not base64 of 32 bytes: '" + lines[2] + "'");
    }
    List<String> extensions = List.of(lines).subList(3, lines.length);
    for (String extension : extensions) {
      if (extension.isEmpty()) {
        throw new InvalidNoteException("checkpoint has an empty extension line");
      }
    }
    return new Checkpoint(lines[0], size, rootHash, extensions);
  }

  /**
   * Verifies a signed checkpoint note and parses its text.
   *
   * @throws InvalidNoteException if the signatures fail as {@link SignedNote#open} describes, the
   *     text is not a checkpoint, or its origin is not {@code expectedOrigin}
   */
  public static Checkpoint open(
      String note, String expectedOrigin, Collection<NoteVerifier> verifiers)
      throws InvalidNoteException {
    Checkpoint checkpoint = parse(SignedNote.open(note, verifiers));
    if (!checkpoint.origin().equals(expectedOrigin)) {
      throw new InvalidNoteException(
          "checkpoint origin '"
              + checkpoint.origin()
              + "' does not match the expected origin '"
              + expectedOrigin
              + "'");
    }
    return checkpoint;
  }

  private static long parseSize(String line) throws InvalidNoteException {
    // Decimal without sign or leading zeros, so that each size has one encoding.
    if (!line.matches("0|[1-9][0-9]*")) {
      throw new InvalidNoteException("checkpoint size is not a decimal number: '" + line + "'");
    }
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new InvalidNoteException("checkpoint size is too large: " + line);
    }
  }
}
