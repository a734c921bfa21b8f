package dev.custos.launcher.demo;

/** A walkthrough step whose result differs from what the walkthrough expects. */
public final class StepFailedException extends RuntimeException {

  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
