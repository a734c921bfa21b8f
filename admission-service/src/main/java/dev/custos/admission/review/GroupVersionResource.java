package dev.custos.admission.review;

/**
 * A Kubernetes resource with its API group and version, for example {@code apps/v1 deployments}.
 * The core group is the empty string.
 */
public record GroupVersionResource(String group, String version, String resource) {}
