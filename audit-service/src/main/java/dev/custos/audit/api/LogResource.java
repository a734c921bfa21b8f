package dev.custos.audit.api;

import dev.custos.audit.api.EntryStore.EntryView;
import dev.custos.audit.log.AuditLog;
import dev.custos.audit.signing.CheckpointScheduler;
import dev.custos.audit.signing.CheckpointStore;
import dev.custos.audit.signing.StoredCheckpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The read API of the log. The latest checkpoint and the verifier key are public, because anyone
 * may verify them. Entries and proofs need a bearer token with the role {@code reader}.
 */
@Path("/v1/log")
public class LogResource {
  /** Maximum number of entries that one {@code GET /v1/log/entries} returns. */
  static final int MAX_ENTRIES = 1000;

  private final AuditLog auditLog;
  private final CheckpointStore checkpoints;
  private final CheckpointScheduler scheduler;
  private final EntryStore entries;
  private final BearerTokens tokens;

  LogResource(
      AuditLog auditLog,
      CheckpointStore checkpoints,
      CheckpointScheduler scheduler,
      EntryStore entries,
      BearerTokens tokens) {
    this.auditLog = auditLog;
    this.checkpoints = checkpoints;
    this.scheduler = scheduler;
    this.entries = entries;
    this.tokens = tokens;
  }

  /** The entries of a range, in leaf order. */
  public record EntriesResponse(List<EntryView> entries) {}

  /** An inclusion proof: the hashes in standard base64, from the leaf up. */
  public record InclusionResponse(long leafIndex, long treeSize, List<String> hashes) {}

  /** A consistency proof: the hashes in standard base64. */
  public record ConsistencyResponse(long from, long to, List<String> hashes) {}

  @GET
  @Path("/checkpoint")
  @Produces(MediaType.TEXT_PLAIN)
  public String checkpoint() {
    return checkpoints
        .latest()
        .map(StoredCheckpoint::note)
        .orElseThrow(() -> ApiException.unavailable("the log has not signed a checkpoint yet"));
  }

  @GET
  @Path("/key")
  @Produces(MediaType.TEXT_PLAIN)
  public String key() {
    return scheduler.verifierKey() + "\n";
  }

  @GET
  @Path("/entries")
  @Produces(MediaType.APPLICATION_JSON)
  public EntriesResponse entries(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("start") String startParam,
      @QueryParam("end") String endParam) {
    tokens.authorize(authorization, TokenRole.READER);
    long start = QueryParameters.nonNegative("start", startParam);
    long end = QueryParameters.nonNegative("end", endParam);
    long size = auditLog.size();
    if (end < start) {
      throw ApiException.invalidParameter("end", "end " + end + " is below start " + start);
    }
    if (end - start >= MAX_ENTRIES) {
      throw ApiException.invalidParameter(
          "end",
          "the range from start to end, both included, may have at most "
              + MAX_ENTRIES
              + " entries");
    }
    if (start >= size) {
      throw ApiException.invalidParameter(
          "start", "start " + start + " is not below the tree size " + size);
    }
    return new EntriesResponse(entries.range(start, Math.min(end, size - 1)));
  }

  @GET
  @Path("/proof/inclusion")
  @Produces(MediaType.APPLICATION_JSON)
  public InclusionResponse inclusionProof(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("index") String indexParam,
      @QueryParam("leafHash") String leafHashParam,
      @QueryParam("treeSize") String treeSizeParam) {
    tokens.authorize(authorization, TokenRole.READER);
    long treeSize = treeSize("treeSize", treeSizeParam);
    long index = leafIndex(indexParam, leafHashParam, treeSize);
    if (index >= treeSize) {
      throw ApiException.invalidParameter(
          "index", "index " + index + " is not below treeSize " + treeSize);
    }
    List<byte[]> proof = auditLog.tree().inclusionProof(index, treeSize);
    return new InclusionResponse(index, treeSize, base64(proof));
  }

  @GET
  @Path("/proof/consistency")
  @Produces(MediaType.APPLICATION_JSON)
  public ConsistencyResponse consistencyProof(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("from") String fromParam,
      @QueryParam("to") String toParam) {
    tokens.authorize(authorization, TokenRole.READER);
    long from = QueryParameters.nonNegative("from", fromParam);
    long to = treeSize("to", toParam);
    if (from == 0) {
      throw ApiException.invalidParameter(
          "from", "from must be positive, because a proof from the empty tree proves nothing");
    }
    if (from > to) {
      throw ApiException.invalidParameter("from", "from " + from + " is above to " + to);
    }
    List<byte[]> proof = auditLog.tree().consistencyProof(from, to);
    return new ConsistencyResponse(from, to, base64(proof));
  }

  private long leafIndex(String indexParam, String leafHashParam, long treeSize) {
    if ((indexParam == null) == (leafHashParam == null)) {
      throw ApiException.invalidParameter(
          "index", "give exactly one of the query parameters index and leafHash");
    }
    if (indexParam != null) {
      return QueryParameters.nonNegative("index", indexParam);
    }
    if (!leafHashParam.matches("[0-9a-fA-F]{64}")) {
      throw ApiException.invalidParameter(
          "leafHash", "leafHash must be 64 hex digits (a SHA-256 leaf hash)");
    }
    byte[] leafHash = HexFormat.of().parseHex(leafHashParam);
    return entries
        .leafIndexOf(leafHash, treeSize)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "leafHash",
                    "no entry below treeSize " + treeSize + " has the leaf hash " + leafHashParam));
  }

  /** Parses a tree size that the committed log has reached. */
  private long treeSize(String name, String value) {
    long treeSize = QueryParameters.nonNegative(name, value);
    long size = auditLog.size();
    if (treeSize > size) {
      throw ApiException.invalidParameter(
          name, name + " " + treeSize + " is above the current tree size " + size);
    }
    return treeSize;
  }

  private static List<String> base64(List<byte[]> hashes) {
    List<String> encoded = new ArrayList<>(hashes.size());
    for (byte[] hash : hashes) {
      encoded.add(Base64.getEncoder().encodeToString(hash));
    }
    return encoded;
  }
}
