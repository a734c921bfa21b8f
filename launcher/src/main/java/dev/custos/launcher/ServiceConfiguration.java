package dev.custos.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's development configuration: a properties file in the launcher's resources whose {@code
 * ${name}} placeholders stand for ports, addresses and generated file paths only.
 */
public final class ServiceConfiguration {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z][a-z0-9-]*)}");

  private final Service service;
  private final String template;

  private ServiceConfiguration(Service service, String template) {
    this.service = service;
    this.template = template;
  }

  /** Reads the template of {@code service} from the class path. */
  public static ServiceConfiguration of(Service service) {
    try (InputStream in =
        ServiceConfiguration.class.getResourceAsStream(service.configurationResource())) {
      if (in == null) {
        throw new LauncherException(
            "the launcher jar has no " + service.configurationResource() + "; rebuild it");
      }
      return new ServiceConfiguration(
          service, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LauncherException("reading " + service.configurationResource() + " failed", e);
    }
  }

  /** Returns the template as written, placeholders included. */
  public String template() {
    return template;
  }

  /**
   * Returns the template with every placeholder replaced by its value in {@code values}.
   *
   * @throws LauncherException if the template uses a placeholder that {@code values} lacks
   */
  public String render(Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new LauncherException(
            service.configurationResource()
                + " uses the placeholder ${"
                + matcher.group(1)
                + "}, which the launcher does not fill; known: "
                + values.keySet());
      }
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(escape(value)));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  /** Returns the rendered configuration parsed as properties. */
  public Properties renderProperties(Map<String, String> values) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(render(values)));
    } catch (IOException e) {
      throw new LauncherException(
          "parsing the rendered " + service.id() + " configuration failed", e);
    }
    return properties;
  }

  /** Renders the configuration into {@code file}, creating its folder. */
  public void write(Path file, Map<String, String> values) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, render(values), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LauncherException("writing " + file + " failed", e);
    }
  }

  /** Escapes a value for a properties file, where a backslash starts an escape sequence. */
  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }
}
