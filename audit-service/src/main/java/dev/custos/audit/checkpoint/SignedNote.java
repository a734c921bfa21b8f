package dev.custos.audit.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A C2SP signed note: a text of newline-terminated lines, a blank line, and one or more signature
 * lines {@code — <key name> <base64(key ID || signature)>}, where the dash is an em dash (U+2014).
 * The signed message is the text up to and including its final newline.
 */
public record SignedNote(String text, List<Signature> signatures) {
  /** Maximum number of signature lines accepted; the C2SP spec requires at least 16. */
  public static final int MAX_SIGNATURES = 100;

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  public SignedNote {
    signatures = List.copyOf(signatures);
  }

  /** One signature line: the key name, the key ID and the signature bytes after the key ID. */
  public record Signature(String keyName, int keyId, byte[] signature) {}

  /** Signs {@code text} with each signer and returns the whole note. */
  public static String sign(String text, List<NoteSigner> signers) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a signed note needs at least one signer");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);

    StringBuilder note = new StringBuilder(text).append('\n');
    for (NoteSigner signer : signers) {
      note.append(SIGNATURE_PREFIX)
          .append(signer.name())
          .append(' ')
          .append(NoteSigner.encodeSignature(signer.keyId(), signer.sign(message)))
          .append('\n');
    }
    return note.toString();
  }

  /**
   * Decodes a signed note from strict UTF-8 and parses it without verifying it.
   *
   * @throws InvalidNoteException if the bytes are not valid UTF-8 or not a signed note
   */
  public static SignedNote parse(byte[] note) throws InvalidNoteException {
    try {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      return parse(decoder.decode(ByteBuffer.wrap(note)).toString());
    } catch (CharacterCodingException e) {
      throw new InvalidNoteException("note is not valid UTF-8");
    }
  }

  /**
   * Parses a signed note without verifying it.
   *
   * @throws InvalidNoteException if the note does not have the signed-note form
   */
  public static SignedNote parse(String note) throws InvalidNoteException {
    requireNoControlCharacters(note);
    int separator = note.lastIndexOf("\n\n");
    if (separator < 0) {
      throw new InvalidNoteException("note has no blank line before its signatures");
    }
    String text = note.substring(0, separator + 1);
    String signatureBlock = note.substring(separator + 2);
    if (signatureBlock.isEmpty()) {
      throw new InvalidNoteException("note has no signature lines");
    }
    if (!signatureBlock.endsWith("\n")) {
      throw new InvalidNoteException("note does not end with a newline");
    }

    String[] lines = signatureBlock.substring(0, signatureBlock.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new InvalidNoteException(
          "note has " + lines.length + " signatures, more than the maximum " + MAX_SIGNATURES);
    }
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(parseSignatureLine(line));
    }
    return new SignedNote(text, signatures);
  }

  /**
   * Parses and verifies a signed note and returns its text. Signatures from keys that are not among
   * {@code verifiers} (by name and key ID) are ignored.
   *
   * @throws InvalidNoteException if the note is malformed, a known key's signature fails, or no
   *     known key signed it
   */
  public static String open(String note, Collection<NoteVerifier> verifiers)
      throws InvalidNoteException {
    SignedNote parsed = parse(note);
    parsed.verify(verifiers);
    return parsed.text();
  }

  /**
   * Verifies the signatures from known keys and returns the keys whose signatures verified.
   *
   * @throws InvalidNoteException if a known key's signature fails, or no known key signed the note
   */
  public List<NoteVerifier> verify(Collection<NoteVerifier> verifiers) throws InvalidNoteException {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<NoteVerifier> verified = new ArrayList<>();
    for (Signature signature : signatures) {
      NoteVerifier verifier = findVerifier(verifiers, signature);
      if (verifier == null) {
        continue;
      }
      if (!verifier.verify(message, signature.signature())) {
        throw new InvalidNoteException(
            "signature of key "
                + signature.keyName()
                + "+"
                + NoteKeys.formatKeyId(signature.keyId())
                + " does not verify");
      }
      verified.add(verifier);
    }
    if (verified.isEmpty()) {
      throw new InvalidNoteException("note has no signature from a known key");
    }
    return verified;
  }

  private static NoteVerifier findVerifier(
      Collection<NoteVerifier> verifiers, Signature signature) {
    for (NoteVerifier verifier : verifiers) {
      if (verifier.name().equals(signature.keyName()) && verifier.keyId() == signature.keyId()) {
        return verifier;
      }
    }
    return null;
  }

  private static Signature parseSignatureLine(String line) throws InvalidNoteException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new InvalidNoteException(
          "signature line does not start with an em dash and a space: '" + line + "'");
    }
    String[] fields = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
    if (fields.length != 2) {
      throw new InvalidNoteException(
          "signature line must be an em dash, a key name and a base64 signature: '" + line + "'");
    }
    if (!NoteKeys.isValidName(fields[0])) {
      throw new InvalidNoteException("signature line has an invalid key name: '" + fields[0] + "'");
    }
    byte[] bytes = NoteKeys.decodeBase64(fields[1]);
    if (bytes == null || bytes.length <= NoteKeys.KEY_ID_SIZE) {
      throw new InvalidNoteException(
          "signature of key " + fields[0] + " is not base64 of a key ID and a signature");
    }
    int keyId = ByteBuffer.wrap(bytes).getInt();
    byte[] signature = Arrays.copyOfRange(bytes, NoteKeys.KEY_ID_SIZE, bytes.length);
    return new Signature(fields[0], keyId, signature);
  }

  private static void requireNoControlCharacters(String note) throws InvalidNoteException {
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new InvalidNoteException(
            "note contains control character U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
  }
}
