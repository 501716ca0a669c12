package dev.actionbox.auth;

/** A token request that cannot be honoured: an unknown scope, or one beyond the caller's. */
public class TokenException extends RuntimeException {

    public TokenException(String message) {
        super(message);
    }

    /** The caller asked for scopes it does not hold itself. */
    public static final class Escalation extends TokenException {
        private final String missing;

        public Escalation(String missing) {
            super("A token cannot grant scopes it does not hold: " + missing);
            this.missing = missing;
        }

        public String missing() {
            return missing;
        }
    }
}
