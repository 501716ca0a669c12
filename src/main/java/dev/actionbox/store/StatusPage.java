package dev.actionbox.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * One page of a table whose rows have a status, newest id first, read past the cursor id. It
 * reads one row more than the limit so that the caller's page knows whether another follows.
 */
public final class StatusPage {

    /** Only tables named in code; the name goes into the SQL text. */
    private static final Set<String> TABLES = Set.of("drafts", "webhook_deliveries", "reviews");

    private StatusPage() {
    }

    /**
     * @param status only rows in this status, or null for all
     * @param before only rows with a smaller id, or null from the newest
     */
    public static List<Map<String, Object>> read(Handle h, String table, String status,
            String before, int limit) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("no status page for table " + table);
        }
        return h.createQuery("SELECT * FROM " + table + """
                 WHERE (:status IS NULL OR status = :status) AND (:before IS NULL OR id < :before)
                ORDER BY id DESC LIMIT :limit""")
                .bind("status", status).bind("before", before).bind("limit", limit + 1)
                .mapToMap().list();
    }
}
