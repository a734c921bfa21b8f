package dev.custos.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder deletion for the servers' temporary data; public because Quarkus tests may load callers
 * elsewhere.
 */
public final class Folders {

  private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

  private Folders() {}

  /** Deletes a folder and everything in it; a file that cannot be deleted is logged and left. */
  public static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Folders::deleteQuietly);
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("folder", folder).setCause(e).log("Deleting a folder failed");
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("path", path).setCause(e).log("Deleting a file failed");
    }
  }
}
