package dev.actionbox.inbox;

import dev.actionbox.api.ApiException;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The addresses Actionbox accepts mail for. */
public final class InboxService {

    /** The inbox a fresh install gets, so that mail can arrive before any set-up. */
    public static final String DEFAULT_ADDRESS = "inbox@actionbox.local";

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Store store;

    public InboxService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Makes the default inbox when there is none at all; returns every inbox. */
    public List<Map<String, Object>> ensureDefault() {
        try {
            store.useTransaction(h -> {
                int count = h.createQuery("SELECT COUNT(*) FROM inboxes").mapTo(Integer.class)
                        .one();
                if (count == 0) {
                    insert(h, DEFAULT_ADDRESS, false);
                }
            });
        } catch (RuntimeException e) {
            // Nodes starting together on one database race here; the loser finds the inbox.
            if (!Store.isUniqueViolation(e)) {
                throw e;
            }
        }
        return list();
    }

    /**
     * @param address an address, or {@code *@domain} / {@code *} for a catch-all
     * @throws ApiException 422 for a malformed address, 409 when it exists
     */
    public Map<String, Object> create(String address) {
        String normalized = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        boolean catchAll = normalized.equals("*") || normalized.startsWith("*@");
        if (!catchAll && !ADDRESS.matcher(normalized).matches()) {
            throw ApiException.invalid("/address", "must be an email address such as "
                    + "support@example.com, or * for a catch-all");
        }
        try {
            String id = store.inTransaction(h -> insert(h, normalized, catchAll));
            return get(id).orElseThrow();
        } catch (RuntimeException e) {
            if (Store.isUniqueViolation(e)) {
                throw ApiException.conflict("An inbox with address " + normalized + " exists");
            }
            throw e;
        }
    }

    public List<Map<String, Object>> list() {
        return store.read(h -> h.createQuery("SELECT * FROM inboxes ORDER BY id")
                .mapToMap().map(InboxService::view).list());
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM inboxes WHERE id = :id")
                .bind("id", id).mapToMap().findOne().map(InboxService::view));
    }

    /**
     * The inbox that takes mail for a recipient: an exact address first, then a catch-all for
     * its domain, then a catch-all for everything.
     */
    public Optional<String> resolve(String recipient) {
        String address = recipient.trim().toLowerCase(Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        return store.read(h -> h.createQuery("""
                SELECT id FROM inboxes WHERE address IN (:exact, :domain, '*')
                ORDER BY CASE WHEN address = :exact THEN 0 WHEN address = :domain THEN 1 ELSE 2 END
                LIMIT 1""")
                .bind("exact", address)
                .bind("domain", "*@" + domain)
                .mapTo(String.class)
                .findOne());
    }

    private static String insert(org.jdbi.v3.core.Handle h, String address, boolean catchAll) {
        String id = Ids.next("inb");
        h.createUpdate("""
                INSERT INTO inboxes (id, address, catch_all, created_at)
                VALUES (:id, :address, :catchAll, :now)""")
                .bind("id", id)
                .bind("address", address)
                .bind("catchAll", catchAll ? 1 : 0)
                .bind("now", System.currentTimeMillis())
                .execute();
        return id;
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("address", row.get("address"));
        view.put("catch_all", Rows.bool(row, "catch_all"));
        view.put("created_at", Rows.time(row, "created_at"));
        return view;
    }
}
