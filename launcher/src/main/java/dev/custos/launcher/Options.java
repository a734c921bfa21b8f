package dev.custos.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of the launcher: a command and its {@code --name[=value]} options. */
record Options(String command, Path home, boolean clean, Map<String, Integer> ports) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: ./custos <command> [options]",
          "",
          "Commands:",
          "  run      start Kafka, PostgreSQL and the four services, print their addresses, and",
          "           stay in the foreground until Ctrl-C, which stops everything",
          "  start    the same in the background; the output goes to .custos/logs/launcher.log",
          "  stop     stop a run started by run or start, and any process it left behind",
          "  status   show whether a run is active, its addresses and each service's readiness",
          "  demo     replay the walkthrough against the running system, starting it first in the",
          "           background when it is not running",
          "  help     show this text",
          "",
          "Options:",
          "  --home=<dir>       folder for data, keys, configuration and logs (default: .custos",
          "                     in the repository)",
          "  --clean            delete that folder before starting, so Kafka and PostgreSQL start",
          "                     empty and new keys are made (run, start and demo)",
          "  --<name>-port=<n>  a port on 127.0.0.1 instead of its default: kafka (9092),",
          "                     kafka-controller (9093), postgres (5432), metadata (8081),",
          "                     signer (8082), admission (HTTPS, 8443), audit (8084). Ports are",
          "                     stored with the data and reused at the next start");

  private static final List<String> COMMANDS =
      List.of("run", "start", "stop", "status", "demo", "help");

  /**
   * Parses {@code arguments}.
   *
   * @throws LauncherException naming the argument that is not a command or option of the launcher
   */
  static Options parse(String[] arguments, Path defaultHome) {
    String command = null;
    Path home = defaultHome;
    boolean clean = false;
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String argument : arguments) {
      if (!argument.startsWith("--")) {
        if (command != null) {
          throw new LauncherException(
              "unexpected argument '"
                  + argument
                  + "' after the command "
                  + command
                  + "; see ./custos help");
        }
        if (!COMMANDS.contains(argument)) {
          throw new LauncherException(
              "unknown command '" + argument + "'; use one of " + String.join(", ", COMMANDS));
        }
        command = argument;
        continue;
      }
      int equals = argument.indexOf('=');
      String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
      String value = equals < 0 ? null : argument.substring(equals + 1);
      if (name.equals("clean") && value == null) {
        clean = true;
      } else if (name.equals("home") && value != null && !value.isBlank()) {
        home = Path.of(value);
      } else if (Ports.defaults().byName().containsKey(name) && value != null) {
        ports.put(name, port(name, value));
      } else {
        throw new LauncherException(
            "unknown or incomplete option '" + argument + "'; see ./custos help");
      }
    }
    return new Options(command == null ? "help" : command, home, clean, ports);
  }

  private static int port(String name, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LauncherException(
        "invalid --" + name + "=" + value + ": give a TCP port from 1 to 65535");
  }
}
