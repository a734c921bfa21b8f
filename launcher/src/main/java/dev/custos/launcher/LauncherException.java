package dev.custos.launcher;

/** A local run that cannot start, stop or continue; the message says why and what to do. */
public class LauncherException extends RuntimeException {

  public LauncherException(String message) {
    super(message);
  }

  public LauncherException(String message, Throwable cause) {
    super(message, cause);
  }
}
