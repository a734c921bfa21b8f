package dev.custos.metadata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

/** Settings of the metadata service, under {@code custos.metadata}. */
@ConfigMapping(prefix = "custos.metadata")
public interface MetadataConfig {

  /** Number of entries in a page of a list call whose request gives no {@code page_size}. */
  @WithDefault("100")
  int pageSizeDefault();

  /** Maximum number of entries in one page of a list call. */
  @WithDefault("1000")
  int pageSizeMax();

  /**
   * SHA-256 hashes, as 64 lowercase hex digits, of the bearer tokens that the {@code /v1} API
   * accepts. Empty by default, which rejects every API request.
   */
  Optional<Set<String>> tokens();
}
