package dev.custos.admission.review;

/**
 * Thrown when a request body is not a valid {@code admission.k8s.io/v1} or {@code v1beta1}
 * AdmissionReview request. The message states the reason, for an HTTP 400 response.
 */
public final class InvalidAdmissionReviewException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidAdmissionReviewException(String message) {
    super(message);
  }

  public InvalidAdmissionReviewException(String message, Throwable cause) {
    super(message, cause);
  }
}
