package dev.custos.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP to the local services: plain HTTP, and HTTPS to the admission service trusting only the
 * development CA, with host name checks as a real client makes them.
 */
public final class LocalHttp {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;

  private LocalHttp(HttpClient client) {
    this.client = client;
  }

  /** Returns a client that trusts the certificates in {@code authorityFile} and no others. */
  public static LocalHttp trusting(Path authorityFile) {
    try (InputStream in = Files.newInputStream(authorityFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
      trustStore.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        trustStore.setCertificateEntry("development-ca-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(tls)
              .connectTimeout(Duration.ofSeconds(5))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      return new LocalHttp(client);
    } catch (IOException | GeneralSecurityException e) {
      throw new LauncherException("reading the development CA " + authorityFile + " failed", e);
    }
  }

  /** A response's status and body. */
  public record Response(int status, String body) {}

  public Response get(String url, String... headers) throws IOException, InterruptedException {
    return send(request(url, headers).GET().build());
  }

  public Response post(String url, String body, String... headers)
      throws IOException, InterruptedException {
    return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpRequest.Builder request(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request;
  }

  private Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
