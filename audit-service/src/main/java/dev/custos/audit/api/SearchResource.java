package dev.custos.audit.api;

import dev.custos.audit.api.EntryStore.Count;
import dev.custos.audit.api.EntryStore.EntryView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Search of the log and counts of its entries over time, for the role {@code reader}. */
@Path("/v1/log")
public class SearchResource {
  /** Results of one search page when the request does not give {@code pageSize}. */
  static final int DEFAULT_PAGE_SIZE = 100;

  /** Maximum {@code pageSize}, the same as the limit of {@code GET /v1/log/entries}. */
  static final int MAX_PAGE_SIZE = LogResource.MAX_ENTRIES;

  /** Maximum number of time buckets that one {@code GET /v1/log/counts} covers. */
  static final long MAX_BUCKETS = 1000;

  private static final String DIGEST_PATTERN = "[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+";

  private final EntryStore entries;
  private final BearerTokens tokens;
  private final Clock clock = Clock.systemUTC();

  SearchResource(EntryStore entries, BearerTokens tokens) {
    this.entries = entries;
    this.tokens = tokens;
  }

  /**
   * One page of search results.
   *
   * @param entries the matching entries in the requested order
   * @param nextPageToken the {@code pageToken} of the next page, or {@code null} on the last page
   */
  public record SearchResponse(List<EntryView> entries, String nextPageToken) {}

  /** Entry counts by time bucket, type and decision. */
  public record CountsResponse(Instant since, Instant until, String bucket, List<Count> counts) {}

  @GET
  @Path("/search")
  @Produces(MediaType.APPLICATION_JSON)
  public SearchResponse search(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("digest") String digestParam,
      @QueryParam("image") String imageParam,
      @QueryParam("namespace") String namespaceParam,
      @QueryParam("type") String typeParam,
      @QueryParam("decision") String decisionParam,
      @QueryParam("breakglass") String breakglassParam,
      @QueryParam("since") String sinceParam,
      @QueryParam("until") String untilParam,
      @QueryParam("order") String orderParam,
      @QueryParam("pageSize") String pageSizeParam,
      @QueryParam("pageToken") String pageTokenParam) {
    tokens.authorize(authorization, TokenRole.READER);
    String digest = QueryParameters.text("digest", digestParam);
    if (digest != null && !digest.matches(DIGEST_PATTERN)) {
      throw ApiException.invalidParameter(
          "digest",
          "digest must be an image digest such as sha256:<64 hex digits>, but is '" + digest + "'");
    }
    Instant since = QueryParameters.instant("since", sinceParam);
    Instant until = QueryParameters.instant("until", untilParam);
    if (since != null && until != null && !until.isAfter(since)) {
      throw ApiException.invalidParameter(
          "until", "until " + until + " must be after since " + since);
    }
    SearchFilter filter =
        new SearchFilter(
            digest,
            QueryParameters.text("image", imageParam),
            QueryParameters.text("namespace", namespaceParam),
            QueryParameters.text("type", typeParam),
            QueryParameters.text("decision", decisionParam),
            QueryParameters.bool("breakglass", breakglassParam),
            since,
            until,
            descending(orderParam));
    int pageSize =
        QueryParameters.bounded("pageSize", pageSizeParam, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    Long after = pageTokenParam == null ? null : PageToken.decode(pageTokenParam, filter);

    // One row more than the page shows whether a next page exists.
    List<EntryView> found = entries.search(filter, after, pageSize + 1);
    if (found.size() <= pageSize) {
      return new SearchResponse(found, null);
    }
    List<EntryView> page = found.subList(0, pageSize);
    String next = PageToken.encode(page.get(pageSize - 1).leafIndex(), filter);
    return new SearchResponse(List.copyOf(page), next);
  }

  @GET
  @Path("/counts")
  @Produces(MediaType.APPLICATION_JSON)
  public CountsResponse counts(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("since") String sinceParam,
      @QueryParam("until") String untilParam,
      @QueryParam("bucket") String bucketParam) {
    tokens.authorize(authorization, TokenRole.READER);
    String bucketName = bucketParam == null ? "day" : bucketParam;
    Duration bucket =
        switch (bucketName) {
          case "minute" -> Duration.ofMinutes(1);
          case "hour" -> Duration.ofHours(1);
          case "day" -> Duration.ofDays(1);
          default ->
              throw ApiException.invalidParameter(
                  "bucket", "bucket must be minute, hour or day, but is '" + bucketName + "'");
        };
    Instant until = QueryParameters.instant("until", untilParam);
    if (until == null) {
      until = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
    Instant since = QueryParameters.instant("since", sinceParam);
    if (since == null) {
      since = until.minus(bucket.multipliedBy(14));
    }
    if (!until.isAfter(since)) {
      throw ApiException.invalidParameter(
          "until", "until " + until + " must be after since " + since);
    }
    if (Duration.between(since, until).dividedBy(bucket) > MAX_BUCKETS) {
      throw ApiException.invalidParameter(
          "since",
          "the range from since to until may span at most "
              + MAX_BUCKETS
              + " buckets of one "
              + bucketName
              + "; choose a larger bucket or a shorter range");
    }
    return new CountsResponse(since, until, bucketName, entries.counts(since, until, bucket));
  }

  private static boolean descending(String order) {
    if (order == null || order.equals("asc")) {
      return false;
    }
    if (order.equals("desc")) {
      return true;
    }
    throw ApiException.invalidParameter(
        "order", "order must be asc or desc, but is '" + order + "'");
  }
}
