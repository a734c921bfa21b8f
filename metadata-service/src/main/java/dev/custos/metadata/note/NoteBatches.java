package dev.custos.metadata.note;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.grafeas.NoteName;
import dev.custos.metadata.grafeas.ProjectName;
import dev.custos.metadata.grafeas.ProtoJson;
import io.grafeas.v1.Note;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Parses a {@code notes:batchCreate} body, {@code {"parent": ..., "notes": {"<id>": {...}}}}. */
final class NoteBatches {
  /** Maximum notes in one batch. */
  static final int MAX_NOTES = 1000;

  private NoteBatches() {}

  /**
   * Returns the notes of the batch in body order, with server fields set.
   *
   * @throws InvalidArgumentException naming the invalid item as {@code notes["<id>"]}
   */
  static List<Note> parse(ProjectName project, String body) {
    ObjectNode request = ProtoJson.readObject(body, "BatchCreateNotesRequest");
    requireOnlyKnownFields(request);
    requireParent(request, project);
    JsonNode notes = request.path("notes");
    if (!notes.isObject() || notes.isEmpty()) {
      throw new InvalidArgumentException(
          "notes is required: an object that maps each note id to a note");
    }
    if (notes.size() > MAX_NOTES) {
      throw new InvalidArgumentException(
          "Too many notes: " + notes.size() + ", the maximum in one batch is " + MAX_NOTES);
    }

    List<Note> batch = new ArrayList<>(notes.size());
    for (Iterator<Map.Entry<String, JsonNode>> entries = notes.fields(); entries.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = entries.next();
      batch.add(parseItem(project, entry.getKey(), entry.getValue()));
    }

    return batch;
  }

  private static Note parseItem(ProjectName project, String noteId, JsonNode json) {
    try {
      if (!json.isObject()) {
        throw new InvalidArgumentException("the note must be a JSON object");
      }
      NoteName name = NoteName.of(project.projectId(), noteId);

      return NoteService.parseCreateRequest(name, (ObjectNode) json);
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException("notes[\"" + noteId + "\"]: " + e.getMessage());
    }
  }

  private static void requireOnlyKnownFields(ObjectNode request) {
    for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("parent") && !key.equals("notes")) {
        throw new InvalidArgumentException(
            "Invalid BatchCreateNotesRequest: unknown field \"" + key + "\"");
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
