package dev.custos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads test vectors from the test classpath, under {@code vectors/}. */
public final class TestResources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestResources() {}

  public static byte[] bytes(String name) {
    try (InputStream in = TestResources.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("test resource not found: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  public static JsonNode json(String name) {
    try {
      return JSON.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Lists the JSON files under a resource directory, as resource names, sorted. The test classpath
   * is a directory tree under target/test-classes, so the directory can be walked.
   */
  public static List<String> jsonFilesUnder(String directory) {
    URL url = TestResources.class.getClassLoader().getResource(directory);
    if (url == null) {
      throw new IllegalArgumentException("test resource directory not found: " + directory);
    }
    try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
      Path root = Path.of(url.toURI());
      return files
          .filter(path -> path.toString().endsWith(".json"))
          .map(path -> directory + "/" + root.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
