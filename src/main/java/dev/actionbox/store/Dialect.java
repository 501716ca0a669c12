package dev.actionbox.store;

/**
 * The SQL differences between the embedded store and PostgreSQL, kept here so that features
 * write one query for both.
 */
public enum Dialect {
    SQLITE("BLOB", ""),
    POSTGRES("BYTEA", " FOR UPDATE SKIP LOCKED");

    private final String blobType;
    private final String claimLock;

    Dialect(String blobType, String claimLock) {
        this.blobType = blobType;
        this.claimLock = claimLock;
    }

    public static Dialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new StoreException("Unsupported database URL " + url
                + "; use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB");
    }

    /** Column type for raw bytes, used by migrations as the ${blob} placeholder. */
    public String blobType() {
        return blobType;
    }

    /**
     * Suffix for a SELECT that claims queued rows. SQLite needs none: its write transactions
     * start with BEGIN IMMEDIATE, which already serialises claimers.
     */
    public String claimLock() {
        return claimLock;
    }
}
