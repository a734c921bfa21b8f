package dev.custos.metadata.grafeas;

/** A Grafeas note name, {@code projects/<projectId>/notes/<noteId>}. */
public record NoteName(String projectId, String noteId) {
  public static final String FORM = "projects/{project}/notes/{note}";

  /** Returns the name of note {@code noteId} in project {@code projectId}, after checking both. */
  public static NoteName of(String projectId, String noteId) {
    ResourceIds.require(projectId, "project id", FORM);
    ResourceIds.require(noteId, "note id", FORM);

    return new NoteName(projectId, noteId);
  }

  /** Parses {@code projects/<p>/notes/<n>}. The {@code field} names the value in errors. */
  public static NoteName parse(String name, String field) {
    String[] segments = ResourceNameSegments.split(name, field, FORM, "notes");

    return of(segments[1], segments[3]);
  }

  public ProjectName project() {
    return new ProjectName(projectId);
  }

  @Override
  public String toString() {
    return "projects/" + projectId + "/notes/" + noteId;
  }
}
