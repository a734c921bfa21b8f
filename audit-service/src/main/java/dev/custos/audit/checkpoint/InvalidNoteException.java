package dev.custos.audit.checkpoint;

/**
 * Thrown when a signed note or the checkpoint it carries is malformed, or when its signatures fail
 * verification.
 */
public class InvalidNoteException extends Exception {
  public InvalidNoteException(String message) {
    super(message);
  }
}
