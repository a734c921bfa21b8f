package dev.custos.signer.pushes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PushEventIdsTest {
  private static final String EVENT_ID = "cc7c8a7a-7803-400f-9208-181661dbdd49";

  @Test
  void idMatchesReferenceUuidFive() {
    // Python 3: uuid.uuid5(uuid.UUID("7b0c4f0e-3d2a-4c59-9a57-3f6e1c8d2b90"), "dev:" + EVENT_ID)
    assertThat(PushEventIds.eventId("dev", EVENT_ID))
        .isEqualTo("5d547bf9-2141-5857-9d89-2b142bf55417");
  }

  @Test
  void idIsNameBasedVersionFive() {
    UUID id = UUID.fromString(PushEventIds.eventId("dev", EVENT_ID));

    assertThat(id.version()).isEqualTo(5);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void sameEventGivesSameId() {
    assertThat(PushEventIds.eventId("dev", EVENT_ID))
        .isEqualTo(PushEventIds.eventId("dev", EVENT_ID));
  }

  @Test
  void registryNameChangesId() {
    assertThat(PushEventIds.eventId("main", EVENT_ID))
        .isNotEqualTo(PushEventIds.eventId("dev", EVENT_ID));
  }

  @Test
  void sourceNamesRegistryEndpoint() {
    assertThat(PushEventIds.source("main")).hasToString("/custos/signer/webhooks/registry/main");
  }
}
