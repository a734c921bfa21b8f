package dev.custos.admission.review;

/**
 * A Kubernetes kind with its API group and version, for example {@code apps/v1 Deployment}. The
 * core group is the empty string.
 */
public record GroupVersionKind(String group, String version, String kind) {}
