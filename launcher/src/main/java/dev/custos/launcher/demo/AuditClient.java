package dev.custos.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.audit.checkpoint.Checkpoint;
import dev.custos.audit.checkpoint.InvalidNoteException;
import dev.custos.audit.checkpoint.NoteVerifier;
import dev.custos.audit.merkle.InvalidProofException;
import dev.custos.audit.merkle.ProofVerifier;
import dev.custos.audit.merkle.Rfc6962Hasher;
import dev.custos.launcher.LocalHttp;
import dev.custos.launcher.LocalSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit service's read API, checked on this side with the audit module's own verification
 * classes: the checkpoint's Ed25519 signature under the served verifier key, leaf hashes recomputed
 * from the entry bytes, and RFC 9162 inclusion and consistency proofs.
 */
final class AuditClient {

  /** Entries per {@code GET /v1/log/entries}, the API's maximum. */
  private static final int PAGE = 1000;

  private final LocalHttp http;
  private final ObjectMapper json;
  private final String baseUrl;

  AuditClient(LocalHttp http, ObjectMapper json, String baseUrl) {
    this.http = http;
    this.json = json;
    this.baseUrl = baseUrl;
  }

  /** One entry of the log: its index, its leaf hash as served, and the entry parsed. */
  record Entry(long index, String leafHash, String bytes, JsonNode entry) {

    String type() {
      return entry.path("type").asText();
    }

    JsonNode data() {
      return entry.path("data");
    }
  }

  /** Returns the verifier key that the service serves, parsed. */
  NoteVerifier verifierKey() {
    return NoteVerifier.parse(getText("/v1/log/key").strip());
  }

  /** A checkpoint as the API serves it, the signed note, with its parsed text. */
  record SignedCheckpoint(String note, Checkpoint checkpoint) {

    long size() {
      return checkpoint.size();
    }
  }

  /**
   * Returns the latest checkpoint after verifying its signature with {@code verifier}, whose key
   * name is the log origin.
   */
  SignedCheckpoint latestCheckpoint(NoteVerifier verifier) {
    String note = getText("/v1/log/checkpoint");
    try {
      return new SignedCheckpoint(note, Checkpoint.open(note, verifier.name(), List.of(verifier)));
    } catch (InvalidNoteException e) {
      throw new StepFailedException("the latest checkpoint does not verify: " + e.getMessage(), e);
    }
  }

  /** Returns the served inclusion proof of leaf {@code index} in the tree of {@code treeSize}. */
  String inclusionProof(long index, long treeSize) {
    return get(
        "/v1/log/proof/inclusion?index=" + index + "&treeSize=" + treeSize,
        "Authorization",
        "Bearer " + LocalSystem.AUDIT_READER_TOKEN);
  }

  /** Returns the served consistency proof from the tree of {@code from} to that of {@code to}. */
  String consistencyProof(long from, long to) {
    return get(
        "/v1/log/proof/consistency?from=" + from + "&to=" + to,
        "Authorization",
        "Bearer " + LocalSystem.AUDIT_READER_TOKEN);
  }

  /** Returns the entries from {@code start} to the end of the tree of {@code treeSize}. */
  List<Entry> entries(long start, long treeSize) {
    List<Entry> entries = new ArrayList<>();
    for (long from = start; from < treeSize; from += PAGE) {
      long to = Math.min(treeSize, from + PAGE) - 1;
      JsonNode page = getJson("/v1/log/entries?start=" + from + "&end=" + to);
      for (JsonNode item : page.path("entries")) {
        String bytes = item.path("entry").asText();
        entries.add(
            new Entry(
                item.path("leafIndex").asLong(),
                item.path("leafHash").asText(),
                bytes,
                parse(bytes)));
      }
    }
    return entries;
  }

  /**
   * Checks that {@code entry} is in the tree of {@code checkpoint}: its leaf hash recomputed from
   * its bytes, and the served inclusion proof against the checkpoint's root.
   */
  void verifyInclusion(Entry entry, Checkpoint checkpoint) {
    byte[] leafHash = Rfc6962Hasher.leafHash(entry.bytes().getBytes(StandardCharsets.UTF_8));
    if (!HexFormat.of().formatHex(leafHash).equals(entry.leafHash())) {
      throw new StepFailedException(
          "entry "
              + entry.index()
              + " has the leaf hash "
              + entry.leafHash()
              + ", but its bytes hash to "
              + HexFormat.of().formatHex(leafHash));
    }
    JsonNode proof =
        getJson(
            "/v1/log/proof/inclusion?index=" + entry.index() + "&treeSize=" + checkpoint.size());
    try {
      ProofVerifier.verifyInclusion(
          leafHash, entry.index(), checkpoint.size(), hashes(proof), checkpoint.rootHash());
    } catch (InvalidProofException e) {
      throw new StepFailedException(
          "the inclusion proof of entry " + entry.index() + " does not verify: " + e.getMessage(),
          e);
    }
  }

  /** Checks the served consistency proof between two verified checkpoints. */
  void verifyConsistency(Checkpoint older, Checkpoint newer) {
    JsonNode proof = parse(consistencyProof(older.size(), newer.size()));
    try {
      ProofVerifier.verifyConsistency(
          older.size(), newer.size(), older.rootHash(), newer.rootHash(), hashes(proof));
    } catch (InvalidProofException e) {
      throw new StepFailedException(
          "the consistency proof from size "
              + older.size()
              + " to "
              + newer.size()
              + " does not verify: "
              + e.getMessage(),
          e);
    }
  }

  private static List<byte[]> hashes(JsonNode proof) {
    List<byte[]> hashes = new ArrayList<>();
    for (JsonNode hash : proof.path("hashes")) {
      hashes.add(Base64.getDecoder().decode(hash.asText()));
    }
    return hashes;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new StepFailedException("an audit entry is not JSON: " + text, e);
    }
  }

  private JsonNode getJson(String path) {
    return parse(get(path, "Authorization", "Bearer " + LocalSystem.AUDIT_READER_TOKEN));
  }

  private String getText(String path) {
    return get(path);
  }

  private String get(String path, String... headers) {
    try {
      LocalHttp.Response response = http.get(baseUrl + path, headers);
      if (response.status() != 200) {
        throw new StepFailedException(
            "GET "
                + path
                + " on the audit service returned "
                + response.status()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new StepFailedException("GET " + path + " on the audit service failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailedException("interrupted while reading the audit log");
    }
  }
}
