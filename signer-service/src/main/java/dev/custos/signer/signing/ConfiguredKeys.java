package dev.custos.signer.signing;

import dev.custos.signer.SignerConfig;
import dev.custos.signer.webhook.SecretReferences;
import dev.custos.signer.workflow.WorkflowRule;
import dev.custos.signer.workflow.WorkflowRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The signing keys of {@code custos.signer.keys}, loaded once at startup, and the key of each
 * workflow rule. Several keys may sign for one authority, so a rule switches to a new key by its
 * {@code key-name} while admission policies still trust the old one.
 */
public final class ConfiguredKeys {
  private static final String PREFIX = "custos.signer.keys.";

  private final Map<String, SigningKey> keysByName;
  private final Map<String, String> authorityByName;

  private ConfiguredKeys(Map<String, SigningKey> keysByName, Map<String, String> authorityByName) {
    this.keysByName = keysByName;
    this.authorityByName = authorityByName;
  }

  /**
   * Loads every configured key and checks that each rule's {@code key-name} is a key of the rule's
   * authority.
   *
   * @param environment returns an environment variable's value by name, or null
   * @throws IllegalStateException naming the property at fault, never the key or passphrase
   */
  public static ConfiguredKeys load(
      Map<String, SignerConfig.Key> keys,
      WorkflowRules rules,
      Function<String, String> environment) {
    Map<String, SigningKey> keysByName = new LinkedHashMap<>();
    Map<String, String> authorityByName = new LinkedHashMap<>();
    for (Map.Entry<String, SignerConfig.Key> entry : keys.entrySet()) {
      String name = entry.getKey();
      SignerConfig.Key key = entry.getValue();
      keysByName.put(name, new SigningKey(name, loadSigner(name, key, environment)));
      authorityByName.put(name, key.authority());
    }

    for (int i = 0; i < rules.size(); i++) {
      WorkflowRule rule = rules.rules().get(i);
      String authority = authorityByName.get(rule.keyName());
      String property = "custos.signer.workflows[" + i + "].key-name";
      if (authority == null) {
        throw new IllegalStateException(
            property
                + " is '"
                + rule.keyName()
                + "', which is not a configured key; configure "
                + PREFIX
                + rule.keyName()
                + ".* or name one of "
                + keysByName.keySet());
      }
      if (!authority.equals(rule.authority())) {
        throw new IllegalStateException(
            property
                + " is '"
                + rule.keyName()
                + "', a key of authority "
                + authority
                + ", but the rule signs for "
                + rule.authority());
      }
    }
    return new ConfiguredKeys(keysByName, authorityByName);
  }

  /** Returns the key that signs for {@code rule}, which {@link #load} checked exists. */
  public SigningKey forRule(WorkflowRule rule) {
    SigningKey key = keysByName.get(rule.keyName());
    if (key == null) {
      throw new IllegalStateException("no signing key named " + rule.keyName());
    }
    return key;
  }

  public Optional<SigningKey> find(String name) {
    return Optional.ofNullable(keysByName.get(name));
  }

  /** Returns the authority of each key, by key name, in configuration order. */
  public Map<String, String> authorities() {
    return Map.copyOf(authorityByName);
  }

  public int size() {
    return keysByName.size();
  }

  private static PayloadSigner loadSigner(
      String name, SignerConfig.Key key, Function<String, String> environment) {
    String property = PREFIX + name;
    String material =
        SecretReferences.read(key.privateKey(), property + ".private-key", environment);
    char[] passphrase = readPassphrase(key.passphrase(), property + ".passphrase", environment);
    try {
      return switch (key.format()) {
        case OPENPGP ->
            OpenPgpSigner.fromSecretKeyRing(material, key.fingerprint().orElse(null), passphrase);
        case PKIX -> {
          if (key.fingerprint().isPresent()) {
            throw new IllegalStateException(
                property + ".fingerprint is set, but only OpenPGP keys have fingerprints");
          }
          yield PkixSigner.fromPem(material, passphrase);
        }
      };
    } catch (InvalidSigningKeyException e) {
      throw new IllegalStateException(
          property + ".private-key cannot be loaded as " + key.format() + ": " + e.getMessage(), e);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /** Reads the passphrase from env or file, or returns null when neither is set. */
  private static char[] readPassphrase(
      SignerConfig.SecretReference reference, String property, Function<String, String> env) {
    if (reference.value().isPresent()) {
      throw new IllegalStateException(
          property
              + ".value is set, but a passphrase must not be written in the configuration; use "
              + property
              + ".env or "
              + property
              + ".file");
    }
    if (reference.env().isEmpty() && reference.file().isEmpty()) {
      return null;
    }
    return SecretReferences.read(reference, property, env).toCharArray();
  }

  @Override
  public String toString() {
    return "ConfiguredKeys" + keysByName.values();
  }
}
