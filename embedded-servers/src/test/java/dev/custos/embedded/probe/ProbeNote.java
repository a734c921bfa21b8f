package dev.custos.embedded.probe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of the table that the probe application's Flyway migration creates. */
@Entity
@Table(name = "probe_note")
public class ProbeNote {

  @Id private Long id;

  @Column(nullable = false)
  private String body;

  @Column(name = "written_at", nullable = false)
  private OffsetDateTime writtenAt;

  protected ProbeNote() {}

  public ProbeNote(long id, String body, OffsetDateTime writtenAt) {
    this.id = id;
    this.body = body;
    this.writtenAt = writtenAt;
  }

  public Long id() {
    return id;
  }

  public String body() {
    return body;
  }

  public OffsetDateTime writtenAt() {
    return writtenAt;
  }
}
