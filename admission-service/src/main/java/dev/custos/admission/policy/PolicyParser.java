package dev.custos.admission.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads policy YAML into a validated {@link Policy}. Unknown fields, duplicate keys, wrong types
 * and invalid values are errors that name the field path. Instances are safe to share between
 * threads.
 */
public final class PolicyParser {
  /** The namespace that is always exempt unless the policy lists its own exempt namespaces. */
  public static final String KUBE_SYSTEM = "kube-system";

  private static final String EMPTY_POLICY = "the policy is empty; it needs at least defaultRule";

  private final YAMLMapper mapper;
  private final String serviceNamespace;

  /**
   * Creates a parser.
   *
   * @param serviceNamespace the namespace the service runs in, exempt by default so that the
   *     webhook does not block the pods of its own namespace, or null when unknown
   */
  public PolicyParser(String serviceNamespace) {
    this.serviceNamespace = serviceNamespace;
    this.mapper =
        YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Without this, minimum: "2" would read as 2, and a typo in a number would hide.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
  }

  /**
   * Parses and validates {@code yaml}.
   *
   * @throws InvalidPolicyException listing every violation, each with its field path
   */
  public Policy parse(byte[] yaml) throws InvalidPolicyException {
    PolicyDocument document = read(yaml);
    List<String> defaultExempt =
        serviceNamespace == null || serviceNamespace.isBlank()
            ? List.of(KUBE_SYSTEM)
            : List.of(KUBE_SYSTEM, serviceNamespace);
    return new PolicyValidator(document, defaultExempt).validate(revision(yaml));
  }

  /** Parses and validates {@code yaml}, encoded as UTF-8 for the revision. */
  public Policy parse(String yaml) throws InvalidPolicyException {
    return parse(yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the revision of a policy document, {@code sha256:} and the hex of its bytes. */
  public static String revision(byte[] yaml) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(yaml);
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  private PolicyDocument read(byte[] yaml) throws InvalidPolicyException {
    PolicyDocument document;
    try {
      document = mapper.readValue(yaml, PolicyDocument.class);
    } catch (JsonMappingException e) {
      throw new InvalidPolicyException(violationOf(e), e);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(syntaxViolation(e), e);
    } catch (IOException e) {
      throw new InvalidPolicyException(
          new PolicyViolation("", "cannot read the policy: " + e.getMessage()), e);
    }

    if (document == null) {
      throw new InvalidPolicyException(List.of(new PolicyViolation("", EMPTY_POLICY)));
    }
    return document;
  }

  private static PolicyViolation violationOf(JsonMappingException e) {
    String path = pathOf(e.getPath());
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field")) {
      return new PolicyViolation(path, original + locate(e) + "; remove one of the two keys");
    }
    if (e.getCause() instanceof StreamReadException syntax) {
      return syntaxViolation(syntax);
    }
    if (original.startsWith("No content to map")) {
      return new PolicyViolation("", EMPTY_POLICY);
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new PolicyViolation(
          path,
          "unknown field \""
              + unknown.getPropertyName()
              + "\"; the fields here are "
              + joinKnown(unknown.getKnownPropertyIds()));
    }
    if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      return new PolicyViolation(
          path,
          "\""
              + format.getValue()
              + "\" is not a valid value; use one of "
              + enumValues(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new PolicyViolation(
          path, "wrong type; expected " + describe(mismatch.getTargetType()) + locate(e));
    }
    return new PolicyViolation(path, e.getOriginalMessage() + locate(e));
  }

  private static PolicyViolation syntaxViolation(JsonProcessingException e) {
    // SnakeYAML's messages span several lines with a caret drawing, so join them into one line.
    String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\n\\s*", " ");
    return new PolicyViolation("", "invalid YAML: " + message + locate(e));
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String locate(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String joinKnown(Collection<Object> known) {
    if (known == null || known.isEmpty()) {
      return "none";
    }
    return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String enumValues(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(String::valueOf)
        .collect(Collectors.joining(", "));
  }

  private static String describe(Class<?> type) {
    if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    if (type.isEnum()) {
      return "one of " + enumValues(type);
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number";
    }
    return type.getSimpleName();
  }
}
