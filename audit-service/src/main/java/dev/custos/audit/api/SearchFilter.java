package dev.custos.audit.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The conditions of a search, each {@code null} when absent. All present conditions must hold.
 *
 * @param digest an image digest that the entry is about, as its subject or, for an admission
 *     decision, as one of the workload's images
 * @param image the subject's image, exactly
 * @param namespace the subject's namespace, exactly
 * @param type the CloudEvents type, exactly
 * @param decision the entry's decision, such as {@code denied}, exactly
 * @param breakglass whether the entry is an admission decision with the breakglass annotation
 * @param since the earliest event time, included
 * @param until the latest event time, excluded
 * @param descending whether results come from the highest leaf index down
 */
record SearchFilter(
    String digest,
    String image,
    String namespace,
    String type,
    String decision,
    Boolean breakglass,
    Instant since,
    Instant until,
    boolean descending) {

  /** A condition as an SQL fragment with one {@code ?} and the value it binds. */
  record Condition(String sql, Object value) {}

  /** Returns the SQL conditions of the present filters, in a fixed order. */
  List<Condition> conditions() {
    List<Condition> conditions = new ArrayList<>();
    if (digest != null) {
      conditions.add(new Condition("digests @> ARRAY[?]::text[]", digest));
    }
    if (image != null) {
      conditions.add(new Condition("subject_image = ?", image));
    }
    if (namespace != null) {
      conditions.add(new Condition("subject_namespace = ?", namespace));
    }
    if (type != null) {
      conditions.add(new Condition("event_type = ?", type));
    }
    if (decision != null) {
      conditions.add(new Condition("decision = ?", decision));
    }
    if (breakglass != null) {
      conditions.add(new Condition("breakglass = ?", breakglass));
    }
    if (since != null) {
      conditions.add(new Condition("event_time >= ?", since));
    }
    if (until != null) {
      conditions.add(new Condition("event_time < ?", until));
    }
    return conditions;
  }

  /**
   * Returns a short fingerprint of the filter, which a page token carries so that it is not used
   * with other conditions than the ones it continues.
   */
  String fingerprint() {
    String text =
        String.join(
            "\n",
            String.valueOf(digest),
            String.valueOf(image),
            String.valueOf(namespace),
            String.valueOf(type),
            String.valueOf(decision),
            String.valueOf(breakglass),
            String.valueOf(since),
            String.valueOf(until),
            String.valueOf(descending));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK's security providers", e);
    }
  }
}
