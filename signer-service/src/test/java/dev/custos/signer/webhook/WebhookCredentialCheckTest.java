package dev.custos.signer.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookCredentialCheckTest {
  private static final String TOKEN = "registry-webhook-token";
  private static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HMAC_KEY = "hmac-key-for-tests".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private final WebhookCredentialCheck bearer = WebhookCredentialCheck.bearerToken(TOKEN);

  @Test
  void bearerTokenIsAccepted() {
    assertThat(bearer.check(headers("Authorization", "Bearer " + TOKEN), BODY))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @Test
  void bearerSchemeIgnoresCase() {
    assertThat(bearer.check(headers("authorization", "bEaReR " + TOKEN), BODY))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      value = {
        "'', MISSING_CREDENTIAL",
        "'   ', MISSING_CREDENTIAL",
        "Basic cmVnaXN0cnk6c2VjcmV0, WRONG_SCHEME",
        "Token registry-webhook-token, WRONG_SCHEME",
        "registry-webhook-token, WRONG_SCHEME",
        "Bearer wrong-webhook-token-, WRONG_CREDENTIAL",
        "Bearer registry-webhook-toke, WRONG_CREDENTIAL",
        "Bearer registry-webhook-token-and-more, WRONG_CREDENTIAL",
        "Bearer REGISTRY-WEBHOOK-TOKEN, WRONG_CREDENTIAL",
        "Bearer , MISSING_CREDENTIAL",
      })
  void badBearerIsRejected(String authorization, CredentialCheckResult expected) {
    assertThat(bearer.check(headers("Authorization", authorization), BODY)).isEqualTo(expected);
  }

  @Test
  void tokenWithTrailingNulIsRejected() {
    assertThat(bearer.check(headers("Authorization", "Bearer " + TOKEN + "\u0000"), BODY))
        .isEqualTo(CredentialCheckResult.WRONG_CREDENTIAL);
  }

  @Test
  void missingAuthorizationIsRejected() {
    assertThat(bearer.check(headers(), BODY)).isEqualTo(CredentialCheckResult.MISSING_CREDENTIAL);
  }

  @Test
  void sharedSecretHeaderIsAccepted() {
    WebhookCredentialCheck check =
        WebhookCredentialCheck.sharedSecretHeader("X-Custos-Secret", TOKEN);

    assertThat(check.check(headers("x-custos-secret", TOKEN), BODY))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      value = {
        "'', MISSING_CREDENTIAL",
        "wrong-webhook-token-, WRONG_CREDENTIAL",
        "registry-webhook-toke, WRONG_CREDENTIAL",
        "Bearer registry-webhook-token, WRONG_CREDENTIAL",
      })
  void badSharedSecretIsRejected(String value, CredentialCheckResult expected) {
    WebhookCredentialCheck check =
        WebhookCredentialCheck.sharedSecretHeader("X-Custos-Secret", TOKEN);

    assertThat(check.check(headers("X-Custos-Secret", value), BODY)).isEqualTo(expected);
  }

  @Test
  void sharedSecretInOtherHeaderIsMissing() {
    WebhookCredentialCheck check =
        WebhookCredentialCheck.sharedSecretHeader("X-Custos-Secret", TOKEN);

    assertThat(check.check(headers("Authorization", TOKEN), BODY))
        .isEqualTo(CredentialCheckResult.MISSING_CREDENTIAL);
  }

  @Test
  void bodySignatureInHexIsAccepted() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);

    CredentialCheckResult result =
        check.check(signedHeaders(HexFormat.of().formatHex(hmac(BODY))), BODY);

    assertThat(result).isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @Test
  void bodySignatureWithPrefixIsAccepted() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);
    String signature = "sha256=" + HexFormat.of().withUpperCase().formatHex(hmac(BODY));

    assertThat(check.check(signedHeaders(signature), BODY))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
  }

  @Test
  void signatureOfOtherBodyIsWrong() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);
    byte[] otherBody = "{\"events\":[{}]}".getBytes(StandardCharsets.UTF_8);
    String signature = HexFormat.of().formatHex(hmac(otherBody));

    assertThat(check.check(signedHeaders(signature), BODY))
        .isEqualTo(CredentialCheckResult.WRONG_SIGNATURE);
  }

  @Test
  void signatureUnderOtherKeyIsWrong() {
    WebhookCredentialCheck check =
        bearer.withBodySignature(SIGNATURE_HEADER, "another-key".getBytes(StandardCharsets.UTF_8));
    String signature = HexFormat.of().formatHex(hmac(BODY));

    assertThat(check.check(signedHeaders(signature), BODY))
        .isEqualTo(CredentialCheckResult.WRONG_SIGNATURE);
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      value = {
        "'', MISSING_SIGNATURE",
        "sha256=, MALFORMED_SIGNATURE",
        "sha1=0123456789abcdef0123456789abcdef01234567, MALFORMED_SIGNATURE",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd, MALFORMED_SIGNATURE",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00, MALFORMED_SIGNATURE",
        "zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, MALFORMED_SIGNATURE",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, WRONG_SIGNATURE",
      })
  void badBodySignatureIsRejected(String signature, CredentialCheckResult expected) {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);

    assertThat(check.check(signedHeaders(signature), BODY)).isEqualTo(expected);
  }

  @Test
  void credentialIsCheckedBeforeSignature() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);
    Function<String, String> headers =
        headers(
            "Authorization",
            "Bearer wrong",
            SIGNATURE_HEADER,
            HexFormat.of().formatHex(hmac(BODY)));

    assertThat(check.check(headers, BODY)).isEqualTo(CredentialCheckResult.WRONG_CREDENTIAL);
  }

  @Test
  void credentialAloneIgnoresSignature() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);

    assertThat(check.checkCredential(headers("Authorization", "Bearer " + TOKEN)))
        .isEqualTo(CredentialCheckResult.ACCEPTED);
    assertThat(check.checkCredential(headers("Authorization", "Bearer wrong")))
        .isEqualTo(CredentialCheckResult.WRONG_CREDENTIAL);
  }

  @Test
  void toStringShowsNoSecret() {
    WebhookCredentialCheck check = bearer.withBodySignature(SIGNATURE_HEADER, HMAC_KEY);

    assertThat(check.toString())
        .doesNotContain(TOKEN)
        .doesNotContain(new String(HMAC_KEY, StandardCharsets.UTF_8))
        .contains(SIGNATURE_HEADER);
  }

  /** Returns a case-insensitive header lookup, as JAX-RS provides. */
  private static Function<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers::get;
  }

  private static Function<String, String> signedHeaders(String signature) {
    return headers("Authorization", "Bearer " + TOKEN, SIGNATURE_HEADER, signature);
  }

  private static byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HMAC_KEY, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
