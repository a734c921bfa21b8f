package dev.custos.metadata.filter;

/** The type of a filterable field, which decides how a value is parsed and compared. */
enum FilterValueType {
  STRING,
  ENUM,
  BOOLEAN,
  NUMBER,
  TIMESTAMP,
  /** A message other than a timestamp, which can only be tested for presence with {@code :*}. */
  MESSAGE
}
