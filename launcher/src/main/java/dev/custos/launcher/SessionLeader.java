package dev.custos.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs children in a session of their own where {@code setsid} exists (util-linux), so that a
 * Ctrl-C in the terminal reaches only the launcher, which then stops the services before Kafka and
 * PostgreSQL. Without it the terminal stops every process at once.
 */
final class SessionLeader {

  private static final List<Path> LOCATIONS =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

  private SessionLeader() {}

  static Optional<String> prefix() {
    return LOCATIONS.stream().filter(Files::isExecutable).map(Path::toString).findFirst();
  }
}
