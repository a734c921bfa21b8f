package dev.custos.metadata.occurrence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.grafeas.OccurrenceName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import io.grafeas.v1.Occurrence;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Parses an {@code occurrences:batchCreate} body, {@code {"parent": ..., "occurrences": [...]}}.
 */
final class OccurrenceBatches {
  /** Maximum occurrences in one batch. */
  static final int MAX_OCCURRENCES = 1000;

  private OccurrenceBatches() {}

  /**
   * Returns the occurrences of the batch in body order, with generated names and server fields.
   *
   * @throws InvalidArgumentException naming the invalid item as {@code occurrences[<index>]}
   */
  static List<Occurrence> parse(ProjectName project, String body) {
    ObjectNode request = ProtoJson.readObject(body, "BatchCreateOccurrencesRequest");
    requireOnlyKnownFields(request);
    requireParent(request, project);
    JsonNode items = request.path("occurrences");
    if (!items.isArray() || items.isEmpty()) {
      throw new InvalidArgumentException("occurrences is required: an array of occurrences");
    }
    if (items.size() > MAX_OCCURRENCES) {
      throw new InvalidArgumentException(
          "Too many occurrences: "
              + items.size()
              + ", the maximum in one batch is "
              + MAX_OCCURRENCES);
    }

    List<Occurrence> batch = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      batch.add(parseItem(project, i, items.get(i)));
    }

    return batch;
  }

  private static Occurrence parseItem(ProjectName project, int index, JsonNode json) {
    try {
      if (!json.isObject()) {
        throw new InvalidArgumentException("the occurrence must be a JSON object");
      }
      OccurrenceName name = OccurrenceName.of(project.projectId(), UUID.randomUUID().toString());

      return OccurrenceService.parseCreateRequest(name, (ObjectNode) json);
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException("occurrences[" + index + "]: " + e.getMessage());
    }
  }

  private static void requireOnlyKnownFields(ObjectNode request) {
    for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("parent") && !key.equals("occurrences")) {
        throw new InvalidArgumentException(
            "Invalid BatchCreateOccurrencesRequest: unknown field \"" + key + "\"");
      }
    }
  }

  private static void requireParent(ObjectNode request, ProjectName project) {
    JsonNode parent = request.get("parent");
    if (parent != null && !parent.asText().equals(project.toString())) {
      throw new InvalidArgumentException(
          "Invalid parent " + parent + ": it must be the project of the path, " + project);
    }
  }
}
