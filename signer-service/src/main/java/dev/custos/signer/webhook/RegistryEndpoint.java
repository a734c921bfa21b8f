package dev.custos.signer.webhook;

import java.util.Objects;

/**
 * One configured registry webhook endpoint, {@code POST /webhooks/registry/<name>}.
 *
 * @param name the registry's name in the endpoint path and in metrics and logs
 * @param host the registry host that every pushed reference gets
 * @param credentialCheck the check of the registry's credential and optional body signature
 */
public record RegistryEndpoint(String name, String host, WebhookCredentialCheck credentialCheck) {
  public RegistryEndpoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(credentialCheck, "credentialCheck");
  }
}
