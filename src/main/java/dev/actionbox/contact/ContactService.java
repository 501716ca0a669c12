package dev.actionbox.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.Json;
import dev.actionbox.api.ValidationException;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * People who write in. A contact is made from each new sender; an address belongs to at most
 * one contact.
 */
public final class ContactService {

    private static final Set<String> FIELDS = Set.of(
            "id", "full_name", "emails", "phones", "notes", "owner", "organization");

    private final Store store;

    public ContactService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Creates a contact from an API body.
     *
     * @throws ApiException 422 for bad fields, 409 when the id or an address is taken
     */
    public Map<String, Object> create(JsonNode body, String actor) {
        ContactFields fields = ContactFields.read(body, true);
        String id = fields.id() == null ? Ids.next("ctc") : fields.id();
        try {
            store.useTransaction(h -> {
                long now = System.currentTimeMillis();
                h.createUpdate("""
                        INSERT INTO contacts (id, full_name, owner, organization, notes, phones,
                            created_at, updated_at)
                        VALUES (:id, :name, :owner, :org, :notes, :phones, :now, :now)""")
                        .bind("id", id).bind("name", fields.fullName())
                        .bind("owner", fields.owner()).bind("org", fields.organization())
                        .bind("notes", fields.notes())
                        .bind("phones", Json.write(fields.phones() == null ? List.of()
                                : fields.phones()))
                        .bind("now", now).execute();
                insertEmails(h, id, fields.emails());
                ActivityLog.record(h, ActivityEntry.of("contact.created", id,
                                "Contact " + id + " created").actor(actor)
                        .contact(id, firstAddress(fields.emails())));
            });
        } catch (RuntimeException e) {
            if (Store.isUniqueViolation(e)) {
                throw ApiException.conflict("Contact id " + id
                        + " or one of its addresses belongs to another contact");
            }
            throw e;
        }
        return get(id).orElseThrow();
    }

    public Map<String, Object> update(String id, JsonNode body, String actor) {
        get(id).orElseThrow(() -> ApiException.notFound("contact", id));
        ContactFields fields = ContactFields.read(body, false);
        try {
            store.useTransaction(h -> {
                h.createUpdate("""
                        UPDATE contacts SET full_name = COALESCE(:name, full_name),
                            owner = COALESCE(:owner, owner),
                            organization = COALESCE(:org, organization),
                            notes = COALESCE(:notes, notes),
                            phones = COALESCE(:phones, phones), updated_at = :now
                        WHERE id = :id""")
                        .bind("name", fields.fullName()).bind("owner", fields.owner())
                        .bind("org", fields.organization()).bind("notes", fields.notes())
                        .bind("phones", fields.phones() == null ? null
                                : Json.write(fields.phones()))
                        .bind("now", System.currentTimeMillis()).bind("id", id).execute();
                if (fields.emails() != null) {
                    h.createUpdate("DELETE FROM contact_emails WHERE contact_id = :id")
                            .bind("id", id).execute();
                    insertEmails(h, id, fields.emails());
                }
                ActivityLog.record(h, ActivityEntry.of("contact.updated", id,
                        "Contact " + id + " updated").actor(actor).contact(id, null));
            });
        } catch (RuntimeException e) {
            if (Store.isUniqueViolation(e)) {
                throw ApiException.conflict("One of the addresses belongs to another contact");
            }
            throw e;
        }
        return get(id).orElseThrow();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> find(h, id));
    }

    public List<Map<String, Object>> list(String before, int limit, String address) {
        return store.read(h -> {
            List<String> ids = h.createQuery("""
                    SELECT c.id FROM contacts c
                    WHERE (:before IS NULL OR c.id < :before)
                      AND (:address IS NULL OR EXISTS (SELECT 1 FROM contact_emails e
                           WHERE e.contact_id = c.id AND e.address = :address))
                    ORDER BY c.id DESC LIMIT :limit""")
                    .bind("before", before)
                    .bind("address", address == null ? null : address.toLowerCase(Locale.ROOT))
                    .bind("limit", limit + 1)
                    .mapTo(String.class).list();
            List<Map<String, Object>> contacts = new ArrayList<>();
            ids.forEach(id -> find(h, id).ifPresent(contacts::add));
            return contacts;
        });
    }

    /**
     * The contact that owns an address, made now when there is none; runs in the caller's
     * transaction so that a message and its new contact commit together.
     */
    public static String matchOrCreate(Handle h, String address, String name) {
        String normalized = address.trim().toLowerCase(Locale.ROOT);
        Optional<String> existing = h.createQuery(
                        "SELECT contact_id FROM contact_emails WHERE address = :address")
                .bind("address", normalized).mapTo(String.class).findOne();
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = Ids.next("ctc");
        long now = System.currentTimeMillis();
        h.createUpdate("""
                INSERT INTO contacts (id, full_name, created_at, updated_at)
                VALUES (:id, :name, :now, :now)""")
                .bind("id", id).bind("name", name).bind("now", now).execute();
        h.createUpdate("""
                INSERT INTO contact_emails (address, contact_id, label, position)
                VALUES (:address, :id, 'from', 0)""")
                .bind("address", normalized).bind("id", id).execute();
        ActivityLog.record(h, ActivityEntry.of("contact.created", id,
                "Contact " + id + " made from sender " + normalized).contact(id, normalized));
        return id;
    }

    private static Optional<Map<String, Object>> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM contacts WHERE id = :id").bind("id", id)
                .mapToMap().findOne().map(row -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", row.get("id"));
                    view.put("full_name", row.get("full_name"));
                    view.put("emails", h.createQuery("""
                            SELECT label, address FROM contact_emails WHERE contact_id = :id
                            ORDER BY position, address""")
                            .bind("id", id).mapToMap().list());
                    view.put("phones", Json.mapList(Rows.str(row, "phones")));
                    view.put("notes", row.get("notes"));
                    view.put("owner", row.get("owner"));
                    view.put("organization", row.get("organization"));
                    view.put("created_at", Rows.time(row, "created_at"));
                    view.put("updated_at", Rows.time(row, "updated_at"));
                    return view;
                });
    }

    private static void insertEmails(Handle h, String id, List<Map<String, String>> emails) {
        if (emails == null) {
            return;
        }
        int position = 0;
        for (Map<String, String> email : emails) {
            h.createUpdate("""
                    INSERT INTO contact_emails (address, contact_id, label, position)
                    VALUES (:address, :id, :label, :position)""")
                    .bind("address", email.get("address").trim().toLowerCase(Locale.ROOT))
                    .bind("id", id).bind("label", email.get("label"))
                    .bind("position", position++).execute();
        }
    }

    private static String firstAddress(List<Map<String, String>> emails) {
        return emails == null || emails.isEmpty() ? null : emails.get(0).get("address");
    }

    /** Validates that a body has only contact fields; used by {@link ContactFields}. */
    static void rejectUnknown(JsonNode body, ValidationException.Collector problems) {
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add("/" + name, "is not a contact field");
            }
        });
    }
}
