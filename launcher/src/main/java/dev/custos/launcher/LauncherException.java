package dev.custos.launcher;

/** A local run that cannot start, stop or continue. The message gives the reason and the fix. */
public class LauncherException extends RuntimeException {

  public LauncherException(String message) {
    super(message);
  }

  public LauncherException(String message, Throwable cause) {
    super(message, cause);
  }
}
