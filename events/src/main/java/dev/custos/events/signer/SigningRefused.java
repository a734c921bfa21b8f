package dev.custos.events.signer;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;
import java.util.List;

/**
 * A signing workflow that matched an image but refused to sign it, for example because a
 * precondition failed. Event type {@code dev.custos.signer.signing.refused} on topic {@code
 * signer.outcomes}, keyed by digest.
 *
 * @param authority the name of the authority's note, {@code projects/<project>/notes/<id>}
 * @param digest the manifest digest that was not signed
 * @param repository the repository with its registry host, such as {@code
 *     registry.example.com/team/app}
 * @param reasons why signing was refused, at least one reason
 * @param workflowRule the name of the signing workflow rule that matched the repository
 */
public record SigningRefused(
    String authority,
    String digest,
    String repository,
    List<RefusalReason> reasons,
    String workflowRule)
    implements CustosEvent {

  public SigningRefused {
    Require.resourceName(authority, "notes", "authority");
    Require.digest(digest, "digest");
    Require.text(repository, "repository");
    reasons = Require.nonEmptyList(reasons, "reasons");
    Require.text(workflowRule, "workflowRule");
  }

  /** Returns the digest, which orders the outcomes of one image on one partition. */
  @Override
  public String key() {
    return digest;
  }
}
