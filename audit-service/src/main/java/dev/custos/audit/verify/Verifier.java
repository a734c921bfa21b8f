package dev.custos.audit.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.audit.checkpoint.Checkpoint;
import dev.custos.audit.checkpoint.InvalidNoteException;
import dev.custos.audit.checkpoint.NoteVerifier;
import dev.custos.audit.merkle.InvalidProofException;
import dev.custos.audit.merkle.ProofVerifier;
import dev.custos.audit.merkle.Rfc6962Hasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The offline verifier of the audit log, the {@code Main-Class} of the module's {@code verifier}
 * jar. It checks signed checkpoints against a verifier key, recomputes a checkpoint's root from a
 * JSON-lines export, and checks inclusion and consistency proofs in the JSON that the API returns.
 * It needs no network and no database.
 *
 * <p>Exit codes: {@value #VERIFIED} when every check passed, {@value #FAILED} when a check failed,
 * {@value #USAGE} when the arguments or files could not be used.
 */
public final class Verifier {
  static final int VERIFIED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      Usage: java -jar custos-audit-service-<version>-verifier.jar <command> [options]

      Commands:
        checkpoint   --key KEY --checkpoint FILE
            Verifies the checkpoint's signature and prints its origin, size and root.
        root         --key KEY --checkpoint FILE --export FILE
            Also recomputes the root from a JSON-lines export (GET /v1/log/export?format=jsonl)
            that starts at leaf 0 and covers at least the checkpoint's size, checking every
            entry's leaf hash on the way, and compares it with the checkpoint's root.
        inclusion    --key KEY --checkpoint FILE --proof FILE (--leaf-hash HEX | --entry FILE)
            Also checks an inclusion proof (GET /v1/log/proof/inclusion) of the leaf with that
            leaf hash, or of the entry whose exact bytes are in FILE, at the checkpoint's size.
        consistency  --key KEY --old FILE --new FILE --proof FILE
            Verifies two checkpoints and a consistency proof (GET /v1/log/proof/consistency)
            that the newer tree extends the older one.

      Options:
        --key KEY      verifier key <name>+<hex key ID>+<base64>, as GET /v1/log/key returns it;
                       repeat it to accept several keys
        --origin TEXT  origin line the checkpoints must have; default: the first key's name

      Exit codes: 0 verified, 1 a check failed, 2 the arguments or files could not be used.
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REPEATABLE = Set.of("--key");

  private final PrintStream out;
  private final PrintStream err;

  Verifier(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Verifier(System.out, System.err).run(args));
  }

  /** Runs one command and returns its exit code. */
  int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      (args.length == 0 ? err : out).print(USAGE_TEXT);
      return args.length == 0 ? USAGE : VERIFIED;
    }
    try {
      Map<String, List<String>> options = parseOptions(Arrays.copyOfRange(args, 1, args.length));
      switch (args[0]) {
        case "checkpoint" -> checkpoint(options);
        case "root" -> root(options);
        case "inclusion" -> inclusion(options);
        case "consistency" -> consistency(options);
        default ->
            throw new UsageError(
                "unknown command '"
                    + args[0]
                    + "'; use checkpoint, root, inclusion or consistency");
      }
      out.println("OK");
      return VERIFIED;
    } catch (VerificationFailure e) {
      err.println("FAILED: " + e.getMessage());
      return FAILED;
    } catch (UsageError e) {
      err.println("error: " + e.getMessage());
      err.println("Run with --help for the commands and options.");
      return USAGE;
    }
  }

  private void checkpoint(Map<String, List<String>> options)
      throws UsageError, VerificationFailure {
    requireOnly(options, "--key", "--origin", "--checkpoint");
    openCheckpoint(options, "--checkpoint");
  }

  private void root(Map<String, List<String>> options) throws UsageError, VerificationFailure {
    requireOnly(options, "--key", "--origin", "--checkpoint", "--export");
    Checkpoint checkpoint = openCheckpoint(options, "--checkpoint");
    Path export = Path.of(single(options, "--export"));

    StreamingRoot root = new StreamingRoot();
    long lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          throw new UsageError(export + " line " + (lines + 1) + " is empty");
        }
        byte[] leafHash = checkedLeaf(export, lines + 1, line, lines);
        if (lines < checkpoint.size()) {
          root.append(leafHash);
        }
        lines++;
      }
    } catch (NoSuchFileException e) {
      throw new UsageError("export file not found: " + export);
    } catch (IOException e) {
      throw new UsageError("reading " + export + " failed: " + e.getMessage());
    }

    if (lines < checkpoint.size()) {
      throw new VerificationFailure(
          "the export has "
              + lines
              + " entries, fewer than the checkpoint's tree size "
              + checkpoint.size()
              + "; export the range 0 to "
              + (checkpoint.size() - 1));
    }
    byte[] recomputed = root.root();
    if (!Arrays.equals(recomputed, checkpoint.rootHash())) {
      throw new VerificationFailure(
          "the root recomputed from the first "
              + checkpoint.size()
              + " entries of the export is "
              + base64(recomputed)
              + ", but the checkpoint's root is "
              + base64(checkpoint.rootHash())
              + ": an entry was changed, removed, inserted or reordered");
    }
    out.println(
        "export: the first "
            + checkpoint.size()
            + " of its "
            + lines
            + " entries have the checkpoint's root");
  }

  private void inclusion(Map<String, List<String>> options) throws UsageError, VerificationFailure {
    requireOnly(options, "--key", "--origin", "--checkpoint", "--proof", "--leaf-hash", "--entry");
    Checkpoint checkpoint = openCheckpoint(options, "--checkpoint");
    byte[] leafHash = leafHashOption(options);
    Path proofFile = Path.of(single(options, "--proof"));
    JsonNode proof = readJson(proofFile);
    long index = longMember(proofFile, proof, "leafIndex");
    long treeSize = longMember(proofFile, proof, "treeSize");
    if (treeSize != checkpoint.size()) {
      throw new VerificationFailure(
          "the proof is for tree size "
              + treeSize
              + ", but the checkpoint's size is "
              + checkpoint.size()
              + "; request the proof with treeSize="
              + checkpoint.size());
    }
    try {
      ProofVerifier.verifyInclusion(
          leafHash, index, treeSize, hashes(proofFile, proof), checkpoint.rootHash());
    } catch (InvalidProofException e) {
      throw new VerificationFailure("inclusion proof of leaf " + index + ": " + e.getMessage());
    }
    out.println("inclusion: leaf " + index + " is in the tree of size " + treeSize);
  }

  private void consistency(Map<String, List<String>> options)
      throws UsageError, VerificationFailure {
    requireOnly(options, "--key", "--origin", "--old", "--new", "--proof");
    Checkpoint older = openCheckpoint(options, "--old");
    Checkpoint newer = openCheckpoint(options, "--new");
    Path proofFile = Path.of(single(options, "--proof"));
    JsonNode proof = readJson(proofFile);
    long from = longMember(proofFile, proof, "from");
    long to = longMember(proofFile, proof, "to");
    if (from != older.size() || to != newer.size()) {
      throw new VerificationFailure(
          "the proof is from size "
              + from
              + " to "
              + to
              + ", but the checkpoints have sizes "
              + older.size()
              + " and "
              + newer.size()
              + "; request the proof with from="
              + older.size()
              + "&to="
              + newer.size());
    }
    try {
      ProofVerifier.verifyConsistency(
          from, to, older.rootHash(), newer.rootHash(), hashes(proofFile, proof));
    } catch (InvalidProofException e) {
      throw new VerificationFailure(
          "consistency proof from " + from + " to " + to + ": " + e.getMessage());
    }
    out.println("consistency: the tree of size " + to + " extends the tree of size " + from);
  }

  /** Reads, verifies and prints a checkpoint named by an option. */
  private Checkpoint openCheckpoint(Map<String, List<String>> options, String option)
      throws UsageError, VerificationFailure {
    List<NoteVerifier> keys = new ArrayList<>();
    for (String key : required(options, "--key")) {
      try {
        keys.add(NoteVerifier.parse(key));
      } catch (IllegalArgumentException e) {
        throw new UsageError("--key '" + key + "' is not a verifier key: " + e.getMessage());
      }
    }
    String origin =
        options.containsKey("--origin") ? single(options, "--origin") : keys.get(0).name();
    Path file = Path.of(single(options, option));
    String note = readText(file);
    try {
      Checkpoint checkpoint = Checkpoint.open(note, origin, keys);
      out.println(
          "checkpoint "
              + file
              + ": origin "
              + checkpoint.origin()
              + ", size "
              + checkpoint.size()
              + ", root "
              + base64(checkpoint.rootHash())
              + ", signature verified");
      return checkpoint;
    } catch (InvalidNoteException e) {
      throw new VerificationFailure("checkpoint " + file + ": " + e.getMessage());
    }
  }

  /** Parses one export line and checks its index and leaf hash, returning the leaf hash. */
  private static byte[] checkedLeaf(Path export, long lineNumber, String line, long expectedIndex)
      throws UsageError, VerificationFailure {
    String where = export + " line " + lineNumber;
    JsonNode row;
    try {
      row = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UsageError(where + " is not JSON: " + e.getOriginalMessage());
    }
    long index = longMember(where, row, "leafIndex");
    if (index != expectedIndex) {
      throw new VerificationFailure(
          where
              + " has leaf index "
              + index
              + " where "
              + expectedIndex
              + " follows; the export must start at leaf 0 with no gaps");
    }
    byte[] entry = base64Member(where, row, "entry");
    String stated = textMember(where, row, "leafHash");
    String computed = HexFormat.of().formatHex(Rfc6962Hasher.leafHash(entry));
    if (!computed.equals(stated)) {
      throw new VerificationFailure(
          "leaf "
              + index
              + ": SHA-256(0x00 || entry) is "
              + computed
              + ", but the export states the leaf hash "
              + stated
              + ": the entry or its leaf hash was changed");
    }
    return HexFormat.of().parseHex(computed);
  }

  private static byte[] leafHashOption(Map<String, List<String>> options) throws UsageError {
    boolean byHash = options.containsKey("--leaf-hash");
    if (byHash == options.containsKey("--entry")) {
      throw new UsageError("give exactly one of --leaf-hash and --entry");
    }
    if (byHash) {
      String hex = single(options, "--leaf-hash");
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new UsageError("--leaf-hash must be 64 hex digits, but is '" + hex + "'");
      }
      return HexFormat.of().parseHex(hex);
    }
    Path entry = Path.of(single(options, "--entry"));
    try {
      return Rfc6962Hasher.leafHash(Files.readAllBytes(entry));
    } catch (NoSuchFileException e) {
      throw new UsageError("entry file not found: " + entry);
    } catch (IOException e) {
      throw new UsageError("reading " + entry + " failed: " + e.getMessage());
    }
  }

  private static List<byte[]> hashes(Path file, JsonNode proof) throws UsageError {
    JsonNode hashes = proof.get("hashes");
    if (hashes == null || !hashes.isArray()) {
      throw new UsageError(file + " has no array member 'hashes'");
    }
    List<byte[]> decoded = new ArrayList<>();
    for (JsonNode hash : hashes) {
      if (!hash.isTextual()) {
        throw new UsageError(file + ": every member of 'hashes' must be a base64 string");
      }
      try {
        decoded.add(Base64.getDecoder().decode(hash.asText()));
      } catch (IllegalArgumentException e) {
        throw new UsageError(file + ": '" + hash.asText() + "' in 'hashes' is not base64");
      }
    }
    return decoded;
  }

  private static JsonNode readJson(Path file) throws UsageError {
    String text = readText(file);
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new UsageError(file + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new UsageError(file + " is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String readText(Path file) throws UsageError {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageError("file not found: " + file);
    } catch (IOException e) {
      throw new UsageError("reading " + file + " failed: " + e.getMessage());
    }
  }

  private static long longMember(Object where, JsonNode node, String name) throws UsageError {
    JsonNode value = node.get(name);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new UsageError(where + " has no integer member '" + name + "'");
    }
    return value.asLong();
  }

  private static String textMember(String where, JsonNode node, String name) throws UsageError {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new UsageError(where + " has no string member '" + name + "'");
    }
    return value.asText();
  }

  private static byte[] base64Member(String where, JsonNode node, String name) throws UsageError {
    String text = textMember(where, node, name);
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError(where + ": member '" + name + "' is not base64");
    }
  }

  private static Map<String, List<String>> parseOptions(String[] args) throws UsageError {
    Map<String, List<String>> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (!option.startsWith("--")) {
        throw new UsageError("expected an option such as --key, but got '" + option + "'");
      }
      if (i + 1 >= args.length) {
        throw new UsageError("option " + option + " needs a value");
      }
      List<String> values = options.computeIfAbsent(option, name -> new ArrayList<>());
      if (!values.isEmpty() && !REPEATABLE.contains(option)) {
        throw new UsageError("option " + option + " is given twice");
      }
      values.add(args[i + 1]);
    }
    return options;
  }

  private static void requireOnly(Map<String, List<String>> options, String... allowed)
      throws UsageError {
    List<String> known = List.of(allowed);
    for (String option : options.keySet()) {
      if (!known.contains(option)) {
        throw new UsageError("this command does not take " + option + "; it takes " + known);
      }
    }
  }

  private static List<String> required(Map<String, List<String>> options, String option)
      throws UsageError {
    List<String> values = options.get(option);
    if (values == null) {
      throw new UsageError("option " + option + " is missing");
    }
    return values;
  }

  private static String single(Map<String, List<String>> options, String option) throws UsageError {
    return required(options, option).get(0);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
