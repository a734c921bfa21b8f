package dev.custos.events.admission;

/** The operation of an {@code admission.k8s.io/v1} AdmissionReview request. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}
