package dev.custos.events;

public final class Topics {
  public static final String REGISTRY_PUSHES = "registry.pushes";

  private Topics() {}
}
