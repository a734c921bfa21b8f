package dev.custos.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ports of a home folder: the defaults, then those stored at an earlier start, then the options
 * of this start. Kafka's log was formatted for its listener ports, so those two may change only
 * with {@code --clean}.
 */
final class PortSettings {

  private PortSettings() {}

  static Ports resolve(Home home, Map<String, Integer> requested) {
    Map<String, Integer> ports = new LinkedHashMap<>(Ports.defaults().byName());
    Map<String, Integer> stored = stored(home);
    ports.putAll(stored);
    if (Files.exists(home.kafkaData().resolve("log/meta.properties"))) {
      for (String kafkaPort : new String[] {"kafka-port", "kafka-controller-port"}) {
        Integer requestedPort = requested.get(kafkaPort);
        if (requestedPort != null
            && stored.containsKey(kafkaPort)
            && !requestedPort.equals(stored.get(kafkaPort))) {
          throw new LauncherException(
              "the Kafka data in "
                  + home.kafkaData()
                  + " belongs to --"
                  + kafkaPort
                  + "="
                  + stored.get(kafkaPort)
                  + "; keep that port, or add --clean to start with empty data on "
                  + requestedPort);
        }
      }
    }
    ports.putAll(requested);
    return Ports.fromNames(ports);
  }

  static void store(Home home, Ports ports) {
    Properties properties = new Properties();
    ports.byName().forEach((name, port) -> properties.setProperty(name, port.toString()));
    try (Writer out = Files.newBufferedWriter(home.portsFile(), StandardCharsets.UTF_8)) {
      properties.store(out, "Ports of this local run, reused at the next start");
    } catch (IOException e) {
      throw new LauncherException("writing " + home.portsFile() + " failed", e);
    }
  }

  private static Map<String, Integer> stored(Home home) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (!Files.exists(home.portsFile())) {
      return ports;
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(home.portsFile(), StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new LauncherException("reading " + home.portsFile() + " failed", e);
    }
    for (String name : Ports.defaults().byName().keySet()) {
      String value = properties.getProperty(name);
      if (value != null) {
        try {
          ports.put(name, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
          throw new LauncherException(
              home.portsFile()
                  + " has an invalid "
                  + name
                  + " '"
                  + value
                  + "'; fix or delete the file");
        }
      }
    }
    return ports;
  }
}
