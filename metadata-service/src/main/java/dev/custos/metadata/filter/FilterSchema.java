package dev.custos.metadata.filter;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import dev.custos.metadata.api.InvalidArgumentException;
import dev.custos.metadata.filter.FilterExpression.And;
import dev.custos.metadata.filter.FilterExpression.Comparator;
import dev.custos.metadata.filter.FilterExpression.Not;
import dev.custos.metadata.filter.FilterExpression.Or;
import dev.custos.metadata.filter.FilterExpression.Restriction;
import dev.custos.metadata.grafeas.LegacyShapes;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields that filters may name on one table, and the compilation of a parsed filter into a SQL
 * condition on that table.
 *
 * <p>A field is either a column (such as {@code resourceUri} on {@code resource_uri}) or a path
 * into the stored JSON body (such as {@code vulnerability.effectiveSeverity}). Paths are checked
 * against the protobuf descriptor of the resource, which gives their type, and the SQL text takes
 * their JSON names only from that descriptor. Values are always bound parameters.
 */
public final class FilterSchema {
  /**
   * The form of a JSON name written into SQL text. Descriptor JSON names always have it, and a name
   * without it stops the compilation.
   */
  private static final Pattern JSON_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  /** Occurrence filters: columns, and any field path of {@code io.grafeas.v1.Occurrence}. */
  public static final FilterSchema OCCURRENCES =
      new FilterSchema(
          "occurrences",
          occurrenceColumns(),
          Occurrence.getDescriptor(),
          Occurrence.getDescriptor().getOneofs().get(0).getFields().stream()
              .map(FieldDescriptor::getJsonName)
              .collect(Collectors.toSet()));

  /** Note filters: columns, and any field path of {@code io.grafeas.v1.Note}. */
  public static final FilterSchema NOTES =
      new FilterSchema(
          "notes",
          noteColumns(),
          Note.getDescriptor(),
          Note.getDescriptor().getOneofs().get(0).getFields().stream()
              .map(FieldDescriptor::getJsonName)
              .collect(Collectors.toSet()));

  /** Project filters: the name and the creation time. */
  public static final FilterSchema PROJECTS =
      new FilterSchema("projects", projectColumns(), null, Set.of());

  private final String resources;
  private final Map<String, Column> columns;
  private final Descriptor body;
  private final Set<String> details;

  private FilterSchema(
      String resources, Map<String, Column> columns, Descriptor body, Set<String> details) {
    this.resources = resources;
    this.columns = columns;
    this.body = body;
    this.details = details;
  }

  /**
   * Parses and compiles {@code filter}.
   *
   * @return the SQL condition, or {@link SqlFilter#NONE} for a null or blank filter
   * @throws InvalidArgumentException if the filter is malformed, names an unknown field, or
   *     compares a field with a value of another type
   */
  public SqlFilter compile(String filter) {
    FilterExpression expression = FilterParser.parse(filter);
    if (expression == null) {
      return SqlFilter.NONE;
    }

    Compilation compilation = new Compilation(filter);
    String condition = compilation.compile(expression);

    return new SqlFilter(condition, compilation.parameters, filter);
  }

  private final class Compilation {
    private final String filter;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    Compilation(String filter) {
      this.filter = filter;
    }

    String compile(FilterExpression expression) {
      if (expression instanceof And and) {
        return join(and.operands(), " AND ");
      }
      if (expression instanceof Or or) {
        return join(or.operands(), " OR ");
      }
      if (expression instanceof Not not) {
        return "NOT (" + compile(not.operand()) + ")";
      }

      return restriction((Restriction) expression);
    }

    private String join(List<FilterExpression> operands, String operator) {
      List<String> parts = new ArrayList<>();
      for (FilterExpression operand : operands) {
        parts.add("(" + compile(operand) + ")");
      }

      return String.join(operator, parts);
    }

    private String restriction(Restriction restriction) {
      Column column = columns.get(restriction.field());
      if (column != null) {
        return column(column, restriction);
      }
      if (body != null) {
        return jsonField(resolve(restriction), restriction);
      }

      throw unknownField(restriction);
    }

    // NOTE: values have no wildcards, so "*" in a value is compared literally, except field:*.
    private String column(Column column, Restriction restriction) {
      if (restriction.isPresenceTest()) {
        return column.type == FilterValueType.STRING ? "(" + column.sql + " <> '')" : "TRUE";
      }
      String value = column.valueMapper.apply(restriction.value());
      if (column.isKind) {
        if (restriction.comparator().isOrdering()) {
          throw invalid(restriction, "field 'kind' is an enum, so compare it with =, != or :");
        }
        value = kindName(restriction);
      }
      Object bound = parse(column.type, value, null, restriction);

      return column.sql + " " + sqlOperator(restriction) + " " + bind(bound);
    }

    private String jsonField(JsonPath path, Restriction restriction) {
      if (restriction.isPresenceTest()) {
        return "jsonb_path_exists(body, '" + path.jsonPath() + "')";
      }
      if (path.type == FilterValueType.MESSAGE) {
        throw invalid(
            restriction,
            "field '"
                + restriction.field()
                + "' is a message; compare one of its fields, or test it with :*");
      }
      Object bound = parse(path.type, restriction.value(), path.field, restriction);
      if (path.repeatedPrefix != null) {
        return repeated(path, restriction, bound);
      }

      String comparison =
          typed(path, "body #>> '" + path.textPath(path.segments) + "'")
              + " "
              + sqlOperator(restriction)
              + " "
              + bind(bound);
      if (path.detail != null) {
        // A detail field applies only to resources of that kind, not to the defaults of others.
        comparison = "body -> '" + path.detail + "' IS NOT NULL AND " + comparison;
      }

      return "coalesce(" + comparison + ", false)";
    }

    private String repeated(JsonPath path, Restriction restriction, Object bound) {
      if (restriction.comparator() != Comparator.EQUALS
          && restriction.comparator() != Comparator.HAS) {
        throw invalid(
            restriction,
            "field '"
                + restriction.field()
                + "' is inside a repeated field, so it takes only : or = (any element matches)");
      }
      String element =
          path.elementSegments.isEmpty()
              ? "element.value #>> '{}'"
              : "element.value #>> '" + path.textPath(path.elementSegments) + "'";

      return "EXISTS (SELECT 1 FROM jsonb_array_elements(body #> '"
          + path.textPath(path.repeatedPrefix)
          + "') AS element(value) WHERE "
          + typed(path, element)
          + " = "
          + bind(bound)
          + ")";
    }

    /** Wraps the JSON text of a field in the cast and default value of its type. */
    private String typed(JsonPath path, String text) {
      switch (path.type) {
        case STRING:
          return "coalesce(" + text + ", '')";
        case ENUM:
          return "coalesce(" + text + ", " + bind(defaultEnumName(path.field)) + ")";
        case BOOLEAN:
          return "coalesce(CAST(" + text + " AS boolean), false)";
        case NUMBER:
          return "coalesce(CAST(" + text + " AS numeric), 0)";
        case TIMESTAMP:
          return "CAST(" + text + " AS timestamptz)";
        default:
          throw new IllegalStateException("No SQL type for " + path.type);
      }
    }

    private String bind(Object value) {
      String name = "filter" + parameters.size();
      parameters.put(name, value);

      return ":" + name;
    }

    private String kindName(Restriction restriction) {
      String name = LegacyShapes.v1KindName(restriction.value());
      try {
        NoteKind kind = NoteKind.valueOf(name);
        if (kind != NoteKind.UNRECOGNIZED) {
          return kind.name();
        }
      } catch (IllegalArgumentException e) {
        // Reported below with the list of kinds.
      }

      throw invalid(
          restriction,
          "unknown kind '"
              + restriction.value()
              + "'; expected one of "
              + Arrays.stream(NoteKind.values())
                  .filter(kind -> kind != NoteKind.UNRECOGNIZED)
                  .map(NoteKind::name)
                  .collect(Collectors.joining(", ")));
    }

    private Object parse(
        FilterValueType type, String value, FieldDescriptor field, Restriction restriction) {
      if (restriction.comparator().isOrdering()
          && (type == FilterValueType.ENUM || type == FilterValueType.BOOLEAN)) {
        throw invalid(
            restriction,
            "field '"
                + restriction.field()
                + "' is "
                + (type == FilterValueType.ENUM ? "an enum" : "a boolean")
                + ", so compare it with =, != or :");
      }
      switch (type) {
        case STRING:
          return value;
        case ENUM:
          return enumName(field.getEnumType(), value, restriction);
        case BOOLEAN:
          if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
          }
          throw invalid(
              restriction,
              "field '"
                  + restriction.field()
                  + "' is a boolean, so the value must be true or false,"
                  + " not '"
                  + value
                  + "'");
        case NUMBER:
          try {
            return new BigDecimal(value);
          } catch (NumberFormatException e) {
            throw invalid(
                restriction,
                "field '" + restriction.field() + "' is a number, and '" + value + "' is not");
          }
        case TIMESTAMP:
          try {
            return OffsetDateTime.parse(value);
          } catch (DateTimeParseException e) {
            throw invalid(
                restriction,
                "field '"
                    + restriction.field()
                    + "' is a time, and '"
                    + value
                    + "' is not an RFC 3339 time such as \"2024-05-01T12:00:00Z\" (quote it)");
          }
        default:
          throw new IllegalStateException("No value parser for " + type);
      }
    }

    private String enumName(EnumDescriptor type, String value, Restriction restriction) {
      EnumValueDescriptor found = type.findValueByName(value);
      if (found == null) {
        throw invalid(
            restriction,
            "'"
                + value
                + "' is not a value of "
                + type.getName()
                + " for field '"
                + restriction.field()
                + "'; expected one of "
                + type.getValues().stream()
                    .map(EnumValueDescriptor::getName)
                    .collect(Collectors.joining(", ")));
      }

      return found.getName();
    }

    private JsonPath resolve(Restriction restriction) {
      String[] names = restriction.field().split("\\.");
      Descriptor message = body;
      List<String> segments = new ArrayList<>();
      List<String> repeatedPrefix = null;
      FieldDescriptor field = null;
      for (int i = 0; i < names.length; i++) {
        if (message == null) {
          throw invalid(
              restriction,
              "field '"
                  + String.join(".", List.of(names).subList(0, i))
                  + "' has no fields, so '"
                  + restriction.field()
                  + "' does not exist");
        }
        field = findField(message, names[i]);
        if (field == null) {
          throw i == 0 ? unknownField(restriction) : unknownSubfield(restriction, message, i);
        }
        if (field.isMapField()) {
          throw invalid(restriction, "map field '" + names[i] + "' cannot be filtered");
        }
        if (!JSON_NAME.matcher(field.getJsonName()).matches()) {
          throw new IllegalStateException("Unexpected JSON name " + field.getJsonName());
        }
        segments.add(field.getJsonName());
        if (field.isRepeated()) {
          if (repeatedPrefix != null) {
            throw invalid(
                restriction,
                "field '"
                    + restriction.field()
                    + "' passes through two repeated fields, and only one is supported");
          }
          repeatedPrefix = List.copyOf(segments);
        }
        message =
            field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && !field.getMessageType().equals(Timestamp.getDescriptor())
                ? field.getMessageType()
                : null;
      }

      String detail = details.contains(segments.get(0)) ? segments.get(0) : null;
      List<String> elementSegments =
          repeatedPrefix == null
              ? List.of()
              : segments.subList(repeatedPrefix.size(), segments.size());

      return new JsonPath(
          segments, repeatedPrefix, List.copyOf(elementSegments), detail, field, typeOf(field));
    }

    private InvalidArgumentException unknownField(Restriction restriction) {
      String detailHint =
          body == null ? "" : ", or a field path of the resource such as " + examplePath();

      return invalid(
          restriction,
          "unknown field '"
              + restriction.field()
              + "' for "
              + resources
              + "; use one of "
              + String.join(", ", columns.keySet())
              + detailHint);
    }

    private InvalidArgumentException unknownSubfield(
        Restriction restriction, Descriptor message, int index) {
      String[] names = restriction.field().split("\\.");

      return invalid(
          restriction,
          "unknown field '"
              + names[index]
              + "' in '"
              + restriction.field()
              + "'; "
              + message.getName()
              + " has "
              + message.getFields().stream()
                  .map(FieldDescriptor::getJsonName)
                  .collect(Collectors.joining(", ")));
    }

    private InvalidArgumentException invalid(Restriction restriction, String message) {
      return new InvalidArgumentException(
          "Invalid filter at position "
              + restriction.fieldPosition()
              + ": "
              + message
              + " in: "
              + filter);
    }
  }

  private String examplePath() {
    return body == Occurrence.getDescriptor()
        ? "vulnerability.effectiveSeverity"
        : "vulnerability.severity";
  }

  private static FieldDescriptor findField(Descriptor message, String name) {
    for (FieldDescriptor field : message.getFields()) {
      if (field.getJsonName().equals(name) || field.getName().equals(name)) {
        return field;
      }
    }

    return null;
  }

  private static FilterValueType typeOf(FieldDescriptor field) {
    switch (field.getJavaType()) {
      case STRING:
      case BYTE_STRING:
        return FilterValueType.STRING;
      case ENUM:
        return FilterValueType.ENUM;
      case BOOLEAN:
        return FilterValueType.BOOLEAN;
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return FilterValueType.NUMBER;
      default:
        return field.getMessageType().equals(Timestamp.getDescriptor())
            ? FilterValueType.TIMESTAMP
            : FilterValueType.MESSAGE;
    }
  }

  private static String defaultEnumName(FieldDescriptor field) {
    return field.getEnumType().getValues().get(0).getName();
  }

  private static String sqlOperator(Restriction restriction) {
    return restriction.comparator() == Comparator.HAS ? "=" : restriction.comparator().symbol();
  }

  /**
   * A path into the JSON body.
   *
   * @param segments the JSON names from the top of the body to the field
   * @param repeatedPrefix the segments up to and including the one repeated field, or null
   * @param elementSegments the segments after the repeated field, inside each element
   * @param detail the JSON name of the detail (the oneof member, such as {@code vulnerability})
   *     that the path starts with, or null
   */
  private record JsonPath(
      List<String> segments,
      List<String> repeatedPrefix,
      List<String> elementSegments,
      String detail,
      FieldDescriptor field,
      FilterValueType type) {

    /** Returns the PostgreSQL text-array path, such as {@code {vulnerability,cvssScore}}. */
    String textPath(List<String> names) {
      return "{" + String.join(",", names) + "}";
    }

    /** Returns the SQL/JSON path, in lax mode so that arrays along the path are searched. */
    String jsonPath() {
      return "$" + segments.stream().map(name -> ".\"" + name + "\"").collect(Collectors.joining());
    }
  }

  /**
   * A column that a filter field names.
   *
   * @param sql the column or expression
   * @param valueMapper turns the filter value into the stored form, such as a project id into
   *     {@code projects/<id>}
   * @param isKind whether values are note kinds, checked against {@code NoteKind}
   */
  private record Column(
      String sql, FilterValueType type, UnaryOperator<String> valueMapper, boolean isKind) {

    static Column text(String sql) {
      return new Column(sql, FilterValueType.STRING, UnaryOperator.identity(), false);
    }

    static Column time(String sql) {
      return new Column(sql, FilterValueType.TIMESTAMP, UnaryOperator.identity(), false);
    }

    static Column kind() {
      return new Column("kind", FilterValueType.STRING, UnaryOperator.identity(), true);
    }
  }

  private static Map<String, Column> occurrenceColumns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("name", Column.text("name"));
    columns.put("resourceUri", Column.text("resource_uri"));
    columns.put("resource_uri", Column.text("resource_uri"));
    columns.put("resourceUrl", Column.text("resource_uri"));
    columns.put("resource_url", Column.text("resource_uri"));
    columns.put("noteName", Column.text("note_name"));
    columns.put("note_name", Column.text("note_name"));
    columns.put("noteId", Column.text("split_part(note_name, '/', 4)"));
    columns.put("note_id", Column.text("split_part(note_name, '/', 4)"));
    Column noteProject =
        new Column(
            "note_project", FilterValueType.STRING, projectId -> "projects/" + projectId, false);
    columns.put("noteProjectId", noteProject);
    columns.put("note_project_id", noteProject);
    columns.put("kind", Column.kind());
    addTimes(columns);

    return columns;
  }

  private static Map<String, Column> noteColumns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("name", Column.text("name"));
    columns.put("noteId", Column.text("split_part(name, '/', 4)"));
    columns.put("note_id", Column.text("split_part(name, '/', 4)"));
    columns.put("kind", Column.kind());
    addTimes(columns);

    return columns;
  }

  private static Map<String, Column> projectColumns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("name", Column.text("name"));
    columns.put("createTime", Column.time("create_time"));
    columns.put("create_time", Column.time("create_time"));

    return columns;
  }

  private static void addTimes(Map<String, Column> columns) {
    columns.put("createTime", Column.time("create_time"));
    columns.put("create_time", Column.time("create_time"));
    columns.put("updateTime", Column.time("update_time"));
    columns.put("update_time", Column.time("update_time"));
  }
}
