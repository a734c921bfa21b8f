package dev.custos.metadata.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of {@code projects}. */
@Entity
@Table(name = "projects")
public class ProjectEntity {

  @Id private String name;

  @Column(name = "create_time", nullable = false)
  private OffsetDateTime createTime;

  protected ProjectEntity() {}

  public ProjectEntity(String name, OffsetDateTime createTime) {
    this.name = name;
    this.createTime = createTime;
  }

  public String name() {
    return name;
  }

  public OffsetDateTime createTime() {
    return createTime;
  }
}
