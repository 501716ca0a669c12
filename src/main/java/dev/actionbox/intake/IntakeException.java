package dev.actionbox.intake;

/** A message could not be committed; the sender must try again later. */
public class IntakeException extends RuntimeException {

    public IntakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
