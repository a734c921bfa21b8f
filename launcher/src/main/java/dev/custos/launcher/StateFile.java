package dev.custos.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The state of a running launcher, written once every service is ready and deleted when it stops:
 * its own pid, the pid of each service and the ports. {@code stop} and {@code status} read it, and
 * {@code stop} uses the pids to end processes that a killed launcher left behind.
 */
record StateFile(long launcherPid, boolean ready, Ports ports, Map<Service, Long> servicePids) {

  static void write(
      Home home, long launcherPid, boolean ready, Ports ports, Map<Service, Long> servicePids) {
    Properties properties = new Properties();
    properties.setProperty("launcher.pid", Long.toString(launcherPid));
    properties.setProperty("ready", Boolean.toString(ready));
    ports.byName().forEach((name, port) -> properties.setProperty("port." + name, port.toString()));
    servicePids.forEach(
        (service, pid) -> properties.setProperty("pid." + service.id(), pid.toString()));
    Path temporary = home.stateFile().resolveSibling(home.stateFile().getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      properties.store(out, "Custos local run; deleted when the launcher stops");
    } catch (IOException e) {
      throw new LauncherException("writing " + temporary + " failed", e);
    }
    try {
      Files.move(
          temporary,
          home.stateFile(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new LauncherException("writing " + home.stateFile() + " failed", e);
    }
  }

  /** Reads the state file of {@code home}, if there is one. */
  static Optional<StateFile> read(Home home) {
    if (!Files.exists(home.stateFile())) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(home.stateFile(), StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new LauncherException("reading " + home.stateFile() + " failed", e);
    }
    try {
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String name : Ports.defaults().byName().keySet()) {
        ports.put(name, Integer.parseInt(properties.getProperty("port." + name, "-1")));
      }
      Map<Service, Long> pids = new EnumMap<>(Service.class);
      for (Service service : Service.values()) {
        String pid = properties.getProperty("pid." + service.id());
        if (pid != null) {
          pids.put(service, Long.parseLong(pid));
        }
      }
      long launcherPid = Long.parseLong(properties.getProperty("launcher.pid", "-1"));
      boolean ready = Boolean.parseBoolean(properties.getProperty("ready", "false"));
      return Optional.of(new StateFile(launcherPid, ready, Ports.fromNames(ports), pids));
    } catch (NumberFormatException e) {
      throw new LauncherException(
          home.stateFile()
              + " is damaged ("
              + e.getMessage()
              + "); delete it and run ./custos stop again");
    }
  }

  static void delete(Home home) {
    try {
      Files.deleteIfExists(home.stateFile());
    } catch (IOException e) {
      throw new LauncherException("deleting " + home.stateFile() + " failed", e);
    }
  }

  /** Returns whether the launcher that wrote this file still runs. */
  boolean launcherAlive() {
    return ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Returns the service processes of this file that still run a Quarkus application. */
  List<ProcessHandle> survivingServices() {
    return servicePids.values().stream()
        .map(ProcessHandle::of)
        .flatMap(Optional::stream)
        .filter(ProcessHandle::isAlive)
        .filter(process -> commandContains(process, "quarkus-run.jar"))
        .toList();
  }

  static boolean commandContains(ProcessHandle process, String text) {
    ProcessHandle.Info info = process.info();
    String command = info.commandLine().or(info::command).orElse("");
    return command.contains(text);
  }
}
