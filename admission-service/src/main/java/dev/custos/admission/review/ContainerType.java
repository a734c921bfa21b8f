package dev.custos.admission.review;

/** Kind of container in a pod spec, named by its field. */
public enum ContainerType {
  CONTAINER("containers"),
  INIT_CONTAINER("initContainers"),
  EPHEMERAL_CONTAINER("ephemeralContainers");

  private final String field;

  ContainerType(String field) {
    this.field = field;
  }

  /** Returns the pod spec field that lists these containers, such as {@code initContainers}. */
  public String field() {
    return field;
  }
}
