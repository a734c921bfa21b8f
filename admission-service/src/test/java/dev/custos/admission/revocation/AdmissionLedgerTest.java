package dev.custos.admission.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.admission.cache.LostAttestation;
import dev.custos.events.admission.AdmittedWorkloadRevoked;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionLedgerTest {
  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String OTHER_DIGEST = "sha256:" + "b".repeat(64);
  private static final String SUBJECT = "registry.example.com/team/app@" + DIGEST;
  private static final String OTHER_SUBJECT = "registry.example.com/team/app@" + OTHER_DIGEST;
  private static final String OCCURRENCE = "projects/custos/occurrences/one";

  @Test
  void revokeReportsWorkload() {
    AdmissionLedger ledger = new AdmissionLedger(10);
    ledger.record("shop", "Pod", "web", "uid-1", List.of(image(SUBJECT, DIGEST, "qa", "build")));

    List<AdmittedWorkloadRevoked> events = ledger.revoke(lost(SUBJECT, DIGEST, "qa"));

    assertThat(events)
        .containsExactly(
            new AdmittedWorkloadRevoked("shop", "Pod", "web", DIGEST, "qa", OCCURRENCE, "uid-1"));
  }

  @Test
  void revokeIgnoresOtherAttestor() {
    AdmissionLedger ledger = new AdmissionLedger(10);
    ledger.record("shop", "Pod", "web", "uid-1", List.of(image(SUBJECT, DIGEST, "build")));

    assertThat(ledger.revoke(lost(SUBJECT, DIGEST, "qa"))).isEmpty();
  }

  @Test
  void revokeIgnoresOtherImage() {
    AdmissionLedger ledger = new AdmissionLedger(10);
    ledger.record("shop", "Pod", "web", "uid-1", List.of(image(OTHER_SUBJECT, OTHER_DIGEST, "qa")));

    assertThat(ledger.revoke(lost(SUBJECT, DIGEST, "qa"))).isEmpty();
  }

  @Test
  void oneEventPerWorkload() {
    AdmissionLedger ledger = new AdmissionLedger(10);
    ledger.record("shop", "Pod", "web", "uid-1", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Deployment", "web", "uid-2", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("ops", "Pod", "cron", "uid-3", List.of(image(OTHER_SUBJECT, OTHER_DIGEST, "qa")));

    List<AdmittedWorkloadRevoked> events = ledger.revoke(lost(SUBJECT, DIGEST, "qa"));

    assertThat(events)
        .extracting(AdmittedWorkloadRevoked::admissionRequestUid)
        .containsExactlyInAnyOrder("uid-1", "uid-2");
  }

  @Test
  void evictsOldestWhenFull() {
    AdmissionLedger ledger = new AdmissionLedger(2);
    ledger.record("shop", "Pod", "first", "uid-1", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "second", "uid-2", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "third", "uid-3", List.of(image(SUBJECT, DIGEST, "qa")));

    assertThat(ledger.size()).isEqualTo(2);
    assertThat(ledger.evictions()).isEqualTo(1);
    assertThat(ledger.revoke(lost(SUBJECT, DIGEST, "qa")))
        .extracting(AdmittedWorkloadRevoked::workloadName)
        .containsExactlyInAnyOrder("second", "third");
  }

  @Test
  void readmissionMakesNewest() {
    AdmissionLedger ledger = new AdmissionLedger(2);
    ledger.record("shop", "Pod", "first", "uid-1", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "second", "uid-2", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "first", "uid-3", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "third", "uid-4", List.of(image(SUBJECT, DIGEST, "qa")));

    assertThat(ledger.evictions()).isEqualTo(1);
    assertThat(ledger.revoke(lost(SUBJECT, DIGEST, "qa")))
        .extracting(AdmittedWorkloadRevoked::admissionRequestUid)
        .containsExactlyInAnyOrder("uid-3", "uid-4");
  }

  @Test
  void emptyAdmissionRemovesRecord() {
    AdmissionLedger ledger = new AdmissionLedger(10);
    ledger.record("shop", "Pod", "web", "uid-1", List.of(image(SUBJECT, DIGEST, "qa")));
    ledger.record("shop", "Pod", "web", "uid-2", List.of());

    assertThat(ledger.size()).isZero();
    assertThat(ledger.revoke(lost(SUBJECT, DIGEST, "qa"))).isEmpty();
  }

  @Test
  void rejectsZeroMaximum() {
    assertThatThrownBy(() -> new AdmissionLedger(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
  }

  private static AdmittedImage image(String subject, String digest, String... attestors) {
    return new AdmittedImage(subject, digest, Set.of(attestors));
  }

  private static LostAttestation lost(String subject, String digest, String attestor) {
    return new LostAttestation(subject, digest, attestor, OCCURRENCE);
  }
}
