package dev.custos.metadata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the metadata service, under {@code custos.metadata}. */
@ConfigMapping(prefix = "custos.metadata")
public interface MetadataConfig {

  /** Number of entries in a page of a list call whose request gives no {@code page_size}. */
  @WithDefault("100")
  int pageSizeDefault();

  /** Maximum number of entries in one page of a list call. */
  @WithDefault("1000")
  int pageSizeMax();
}
