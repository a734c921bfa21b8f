package dev.custos.metadata.grpc;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.grafeas.ProtoJson;

/**
 * Converts gRPC request messages into the JSON bodies that the services take, and the services'
 * JSON back into response messages, so that both transports run the same parsing and checks.
 */
final class GrpcMessages {
  private GrpcMessages() {}

  /**
   * Renders a request message as the REST JSON body.
   *
   * @throws InvalidArgumentException if the message contains a {@code google.protobuf.Any} of a
   *     type that the server cannot render, which REST rejects as well
   */
  static String toJson(MessageOrBuilder message, String field) {
    try {
      return ProtoJson.print(message);
    } catch (IllegalStateException e) {
      throw new InvalidArgumentException(
          "Invalid "
              + field
              + ": a google.protobuf.Any field may contain only google.protobuf.Struct, Value,"
              + " ListValue or StringValue");
    }
  }

  /** Parses a service's JSON response into {@code builder}. */
  static <B extends Message.Builder> B fromJson(String json, B builder) {
    return ProtoJson.mergeStored(json, builder);
  }

  /** Returns a field mask as the comma-separated list of the REST {@code updateMask}, or null. */
  static String updateMask(boolean present, FieldMask mask) {
    if (!present || mask.getPathsCount() == 0) {
      return null;
    }

    return String.join(",", mask.getPathsList());
  }

  /** Checks that a request carries its resource, as a REST request carries its body. */
  static void requirePresent(boolean present, String field) {
    if (!present) {
      throw new InvalidArgumentException(field + " is required");
    }
  }
}
