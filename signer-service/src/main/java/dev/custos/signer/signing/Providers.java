package dev.custos.signer.signing;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider that all signing code passes to JCA explicitly. It is not registered
 * with {@link java.security.Security}, so no other code in the JVM changes provider by accident.
 */
final class Providers {
  static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private Providers() {}
}
