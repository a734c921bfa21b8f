package dev.custos.events.cloudevents;

import dev.custos.events.CustosEvent;
import dev.custos.events.Require;

/**
 * A CloudEvent decoded from a Kafka record.
 *
 * @param attributes the context attributes from the headers
 * @param data the event record decoded from the value, of the class of {@code attributes.type()}
 */
public record ReceivedCloudEvent(CloudEventAttributes attributes, CustosEvent data) {

  public ReceivedCloudEvent {
    Require.present(attributes, "attributes");
    Require.present(data, "data");
  }

  /**
   * Returns the data as a record of {@code eventClass}.
   *
   * @throws ClassCastException if the data is a record of another class
   */
  public <T extends CustosEvent> T data(Class<T> eventClass) {
    if (!eventClass.isInstance(data)) {
      throw new ClassCastException(
          "Event "
              + attributes.id()
              + " of type "
              + attributes.type().type()
              + " carries "
              + data.getClass().getSimpleName()
              + ", not "
              + eventClass.getSimpleName());
    }

    return eventClass.cast(data);
  }
}
