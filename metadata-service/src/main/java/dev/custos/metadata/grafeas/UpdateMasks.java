package dev.custos.metadata.grafeas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import dev.custos.metadata.api.InvalidArgumentException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a PATCH request to a stored message, following AIP-134:
 *
 * <ul>
 *   <li>{@code updateMask=a,b.c} replaces exactly the named fields with their values in the body. A
 *       named field that the body leaves out is cleared. Paths are camelCase (as in JSON) or
 *       snake_case, checked against the message descriptor;
 *   <li>{@code updateMask=*} replaces every mutable field, so a field that the body leaves out is
 *       cleared;
 *   <li>a missing or empty mask replaces the top-level fields present in the body. An immutable
 *       field in such a body must equal the stored value, and {@code createTime} and {@code
 *       updateTime} there are ignored, since the server sets them.
 * </ul>
 *
 * A path to an immutable field is rejected in any mask.
 */
public final class UpdateMasks {
  private static final FieldMaskUtil.MergeOptions REPLACE =
      new FieldMaskUtil.MergeOptions()
          .setReplaceMessageFields(true)
          .setReplaceRepeatedFields(true)
          .setReplacePrimitiveFields(true);

  private static final Set<String> SERVER_SET = Set.of("create_time", "update_time");

  private UpdateMasks() {}

  /**
   * Merges the fields of {@code patch} that {@code updateMask} selects into {@code target}.
   *
   * @param request the request body as parsed JSON, whose keys select the fields when the mask is
   *     missing
   * @param immutable the proto names (snake_case) of the top-level fields a client cannot change
   * @throws InvalidArgumentException naming an unknown path or an immutable field
   */
  public static void apply(
      String updateMask,
      ObjectNode request,
      Message patch,
      Message.Builder target,
      Set<String> immutable) {
    FieldMask mask = resolve(updateMask, request, patch, target, immutable);

    FieldMaskUtil.merge(mask, patch, target, REPLACE);
  }

  private static FieldMask resolve(
      String updateMask,
      ObjectNode request,
      Message patch,
      Message.Builder target,
      Set<String> immutable) {
    if (updateMask == null || updateMask.isBlank()) {
      return fromBody(request, patch, target, immutable);
    }
    if (updateMask.trim().equals("*")) {
      return allMutable(target.getDescriptorForType(), immutable);
    }

    return parse(updateMask, target.getDescriptorForType(), immutable);
  }

  private static FieldMask parse(String updateMask, Descriptor descriptor, Set<String> immutable) {
    FieldMask.Builder mask = FieldMask.newBuilder();
    for (String requested : updateMask.split(",", -1)) {
      String path = toProtoPath(requested.trim());
      if (path.isEmpty() || !FieldMaskUtil.isValid(descriptor, path)) {
        throw new InvalidArgumentException(
            "Invalid updateMask: unknown field path \""
                + requested.trim()
                + "\" in "
                + descriptor.getName());
      }
      String field = path.split("\\.", 2)[0];
      if (immutable.contains(field)) {
        throw new InvalidArgumentException(
            "Invalid updateMask: field \""
                + requested.trim()
                + "\" is immutable; remove it from the mask");
      }
      mask.addPaths(path);
    }

    return mask.build();
  }

  /** Converts a camelCase path to the snake_case proto path. A snake_case path stays unchanged. */
  private static String toProtoPath(String path) {
    StringBuilder proto = new StringBuilder(path.length() + 8);
    for (char c : path.toCharArray()) {
      if (Character.isUpperCase(c)) {
        proto.append('_').append(Character.toLowerCase(c));
      } else {
        proto.append(c);
      }
    }

    return proto.toString();
  }

  private static FieldMask allMutable(Descriptor descriptor, Set<String> immutable) {
    FieldMask.Builder mask = FieldMask.newBuilder();
    for (FieldDescriptor field : descriptor.getFields()) {
      if (!immutable.contains(field.getName())) {
        mask.addPaths(field.getName());
      }
    }

    return mask.build();
  }

  private static FieldMask fromBody(
      ObjectNode request, Message patch, Message.Builder target, Set<String> immutable) {
    Descriptor descriptor = target.getDescriptorForType();
    FieldMask.Builder mask = FieldMask.newBuilder();
    for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      FieldDescriptor field = findField(descriptor, key);
      if (SERVER_SET.contains(field.getName())) {
        continue;
      }
      if (immutable.contains(field.getName())) {
        requireUnchanged(key, patch.getField(field), target.getField(field));
        continue;
      }
      mask.addPaths(field.getName());
    }

    return mask.build();
  }

  private static void requireUnchanged(String key, Object requested, Object stored) {
    if (!Objects.equals(requested, stored)) {
      throw new InvalidArgumentException(
          "Invalid "
              + key
              + ": the field is immutable, so the body must leave it out or repeat it");
    }
  }

  /** Finds the field of a JSON key, which JsonFormat accepts as jsonName or proto name. */
  private static FieldDescriptor findField(Descriptor descriptor, String key) {
    for (FieldDescriptor field : descriptor.getFields()) {
      if (field.getJsonName().equals(key) || field.getName().equals(key)) {
        return field;
      }
    }

    // The parser rejected unknown fields before, so this is a server fault.
    throw new IllegalStateException("No field " + key + " in " + descriptor.getFullName());
  }
}
