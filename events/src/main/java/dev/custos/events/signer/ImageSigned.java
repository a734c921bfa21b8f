package dev.custos.events.signer;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;

/**
 * An attestation that the signer recorded for an image digest. Event type {@code
 * dev.custos.signer.image.signed} on topic {@code signer.outcomes}, keyed by digest.
 *
 * @param authority the name of the authority's note, {@code projects/<project>/notes/<id>}
 * @param digest the signed manifest digest
 * @param repository the repository with its registry host, such as {@code
 *     registry.example.com/team/app}
 * @param attestationOccurrenceName the name of the attestation occurrence, {@code
 *     projects/<project>/occurrences/<id>}
 * @param workflowRule the name of the signing workflow rule that matched the repository
 */
public record ImageSigned(
    String authority,
    String digest,
    String repository,
    String attestationOccurrenceName,
    String workflowRule)
    implements CustosEvent {

  public ImageSigned {
    Require.resourceName(authority, "notes", "authority");
    Require.digest(digest, "digest");
    Require.text(repository, "repository");
    Require.resourceName(attestationOccurrenceName, "occurrences", "attestationOccurrenceName");
    Require.text(workflowRule, "workflowRule");
  }

  /** Returns the digest, which orders the outcomes of one image on one partition. */
  @Override
  public String key() {
    return digest;
  }
}
