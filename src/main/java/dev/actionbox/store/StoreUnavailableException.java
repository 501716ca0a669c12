package dev.actionbox.store;

/**
 * The database cannot be reached right now, or has no free connection within the connect
 * timeout. Nothing was committed; the caller asks its client to try again later (SMTP 451, HTTP
 * 503). The node keeps retrying by itself and serves again when the database answers.
 */
public final class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
