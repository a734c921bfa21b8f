package dev.custos.signer.signing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys of one authority (its Grafeas note), for key rotation: new signatures use the active
 * key, and the other keys stay known by name and public key id while admission policies still trust
 * them.
 */
public final class AuthorityKeys {
  private final String authority;
  private final Map<String, SigningKey> keysByName;
  private final SigningKey active;

  /**
   * @param authority the note name, such as {@code projects/custos/notes/release}
   * @param keys the keys, with unique names
   * @param activeKeyName the name of the key that signs
   * @throws IllegalArgumentException if a name repeats or no key has {@code activeKeyName}
   */
  public AuthorityKeys(String authority, List<SigningKey> keys, String activeKeyName) {
    this.authority = Objects.requireNonNull(authority, "authority");
    this.keysByName = new LinkedHashMap<>();
    for (SigningKey key : keys) {
      if (keysByName.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException(
            "authority " + authority + " has two keys named " + key.name());
      }
    }
    this.active = keysByName.get(Objects.requireNonNull(activeKeyName, "activeKeyName"));
    if (active == null) {
      throw new IllegalArgumentException(
          "authority "
              + authority
              + " has no key named "
              + activeKeyName
              + " to make active. Its keys are "
              + keysByName.keySet());
    }
  }

  public String authority() {
    return authority;
  }

  /** Returns the key that signs new attestations. */
  public SigningKey active() {
    return active;
  }

  /** Returns every key in configuration order, the active one included. */
  public List<SigningKey> keys() {
    return List.copyOf(keysByName.values());
  }

  public Optional<SigningKey> findByName(String name) {
    return Optional.ofNullable(keysByName.get(name));
  }

  public Optional<SigningKey> findByPublicKeyId(String publicKeyId) {
    return keysByName.values().stream()
        .filter(key -> key.publicKeyId().equals(publicKeyId))
        .findFirst();
  }

  @Override
  public String toString() {
    return "AuthorityKeys[authority="
        + authority
        + ", active="
        + active.name()
        + ", keys="
        + keysByName.keySet()
        + "]";
  }
}
