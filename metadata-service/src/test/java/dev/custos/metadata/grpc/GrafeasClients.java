package dev.custos.metadata.grpc;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import io.grafeas.v1.GrafeasClient;
import io.grafeas.v1.GrafeasSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The official {@link GrafeasClient} on a plaintext channel to the service under test, with the
 * bearer token as {@code authorization} metadata. Retries are off and each call times out after 10
 * s, so an error status reaches the test at once instead of after the client's default retries.
 */
public final class GrafeasClients implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final GrafeasClient client;

  private GrafeasClients(ManagedChannel channel, GrafeasClient client) {
    this.channel = channel;
    this.client = client;
  }

  /** Connects to {@code localhost:port}, with {@code token} or, if it is null, no token. */
  public static GrafeasClients connect(int port, String token) throws IOException {
    ManagedChannelBuilder<?> builder =
        ManagedChannelBuilder.forAddress("localhost", port).usePlaintext();
    if (token != null) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + token);
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    ManagedChannel channel = builder.build();

    GrafeasSettings.Builder settings =
        GrafeasSettings.newBuilder()
            .setTransportChannelProvider(
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create());
    RetrySettings once =
        RetrySettings.newBuilder()
            .setMaxAttempts(1)
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10))
            .setTotalTimeoutDuration(Duration.ofSeconds(10))
            .build();
    settings.applyToAllUnaryMethods(
        method -> {
          method.setRetryableCodes(Set.of()).setRetrySettings(once);
          return null;
        });

    return new GrafeasClients(channel, GrafeasClient.create(settings.build()));
  }

  public GrafeasClient client() {
    return client;
  }

  @Override
  public void close() throws InterruptedException {
    client.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
