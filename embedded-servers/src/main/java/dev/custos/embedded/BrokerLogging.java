package dev.custos.embedded;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Lowers the embedded broker's loggers to WARNING, since it logs hundreds of INFO lines at start.
 * The system property {@code custos.embedded.verbose=true} keeps them at INFO.
 */
final class BrokerLogging {

  /** Strong references, because {@code java.util.logging} drops the level of a collected logger. */
  private static final List<Logger> LOGGERS =
      Stream.of("kafka", "org.apache.kafka", "state.change.logger").map(Logger::getLogger).toList();

  private BrokerLogging() {}

  static void quiet() {
    if (!Boolean.getBoolean("custos.embedded.verbose")) {
      LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
    }
  }
}
