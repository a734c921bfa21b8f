package dev.custos.metadata.auth;

import dev.custos.metadata.MetadataConfig;
import dev.custos.metadata.api.UnauthenticatedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The principals from {@code custos.metadata.principals}, and the check that maps a bearer token to
 * one of them. Tokens are held only as SHA-256 hashes. With no principal configured, no token is
 * valid.
 */
@ApplicationScoped
public class Principals {
  /** The property that listed bare token hashes before principals had grants. */
  static final String REMOVED_TOKENS_PROPERTY = "custos.metadata.tokens";

  private static final String BEARER = "Bearer ";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private record Credential(byte[] hash, ApiPrincipal principal) {}

  private final List<Credential> credentials;
  private final int principalCount;

  @Inject
  Principals(MetadataConfig config) {
    this(
        config.principals(),
        ConfigProvider.getConfig().getConfigValue(REMOVED_TOKENS_PROPERTY).getValue());
  }

  /**
   * Loads the principals.
   *
   * @param removedTokens the value of {@code custos.metadata.tokens}, or null when it is not set
   * @throws IllegalStateException naming the property, when a hash, a grant or the removed property
   *     is invalid, which stops startup
   */
  Principals(Map<String, MetadataConfig.PrincipalSettings> configured, String removedTokens) {
    if (removedTokens != null && !removedTokens.isBlank()) {
      throw new IllegalStateException(
          REMOVED_TOKENS_PROPERTY
              + " is no longer read. Give each token a principal instead:"
              + " custos.metadata.principals.<name>.token-sha256=<hash> and"
              + " custos.metadata.principals.<name>.grants=<role>@<project pattern>");
    }

    this.credentials = load(new TreeMap<>(configured));
    this.principalCount = configured.size();
  }

  private static List<Credential> load(Map<String, MetadataConfig.PrincipalSettings> configured) {
    HexFormat hex = HexFormat.of();
    Map<String, String> ownerOfHash = new HashMap<>();
    List<Credential> credentials = new ArrayList<>();

    for (Map.Entry<String, MetadataConfig.PrincipalSettings> entry : configured.entrySet()) {
      String name = entry.getKey();
      ApiPrincipal principal = new ApiPrincipal(name, grants(name, entry.getValue()));
      for (String configuredHash : entry.getValue().tokenSha256()) {
        String hash = requireSha256Hex(name, configuredHash.trim().toLowerCase(Locale.ROOT));
        String owner = ownerOfHash.putIfAbsent(hash, name);
        if (owner != null) {
          throw new IllegalStateException(
              "custos.metadata.principals."
                  + owner
                  + ".token-sha256 and custos.metadata.principals."
                  + name
                  + ".token-sha256 list the same hash. Give each principal a token of its own");
        }
        credentials.add(new Credential(hex.parseHex(hash), principal));
      }
    }

    return List.copyOf(credentials);
  }

  private static List<Grant> grants(String name, MetadataConfig.PrincipalSettings settings) {
    List<Grant> grants = new ArrayList<>();
    for (String entry : settings.grants().orElse(List.of())) {
      try {
        grants.add(Grant.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "custos.metadata.principals." + name + ".grants: " + e.getMessage(), e);
      }
    }

    return grants;
  }

  private static String requireSha256Hex(String name, String hash) {
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw new IllegalStateException(
          "custos.metadata.principals."
              + name
              + ".token-sha256 must list SHA-256 hashes of 64 hex digits, such as the output of"
              + " 'printf %s TOKEN | sha256sum', but one entry has "
              + hash.length()
              + " characters or a non-hex character");
    }

    return hash;
  }

  /** Returns the number of configured principals. */
  public int count() {
    return principalCount;
  }

  /**
   * Returns the principal whose token hashes to a configured hash. Every hash is compared in
   * constant time, so the time taken does not reveal how much of a hash matched.
   */
  public Optional<ApiPrincipal> authenticate(String token) {
    byte[] presented = sha256(token);
    ApiPrincipal found = null;
    for (Credential credential : credentials) {
      if (MessageDigest.isEqual(credential.hash(), presented)) {
        found = credential.principal();
      }
    }

    return Optional.ofNullable(found);
  }

  /**
   * Returns the principal of an {@code Authorization: Bearer <token>} header value, as REST and
   * gRPC send it.
   *
   * @throws UnauthenticatedException if the header is missing, not a bearer token, or the token is
   *     not configured
   */
  public ApiPrincipal authenticateHeader(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new UnauthenticatedException(
          "The request has no bearer token: send the header authorization: Bearer <token>");
    }

    String token = authorization.substring(BEARER.length()).trim();
    if (token.isEmpty()) {
      throw new UnauthenticatedException("The bearer token is not valid");
    }

    return authenticate(token)
        .orElseThrow(() -> new UnauthenticatedException("The bearer token is not valid"));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime provides SHA-256", e);
    }
  }
}
