package dev.custos.admission.webhook;

/**
 * An HTTP response of {@code POST /validate}.
 *
 * @param status the HTTP status: 200 for every decided review, allowed or denied, and 400 for a
 *     body that is not an AdmissionReview
 * @param contentType the media type of the body
 * @param body the JSON body
 */
record WebhookResponse(int status, String contentType, byte[] body) {
  static final String REVIEW_TYPE = "application/json";
  static final String PROBLEM_TYPE = "application/problem+json";
}
