package dev.actionbox.context;

import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ValidationException;
import dev.actionbox.label.LabelService;
import dev.actionbox.store.Ids;
import dev.actionbox.store.Rows;
import dev.actionbox.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A label's context: the contacts, domains, projects, clients, statuses and priorities that
 * belong to it. Mail from a contact or domain in a label's context gets that label on arrival.
 */
public final class ContextService {

    public static final Set<String> ENTITY_TYPES =
            Set.of("contact", "domain", "project", "client", "status", "priority");

    private final Store store;

    public ContextService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Attaches an entity to a label's context. Attaching the same entity again returns the
     * existing one, so that a retried call is harmless.
     *
     * @throws ApiException 404 when the label or contact does not exist, 422 for bad fields
     */
    public Map<String, Object> add(String labelId, String entityType, String entityId,
            String actor) {
        ValidationException.Collector problems = new ValidationException.Collector();
        if (entityType == null || !ENTITY_TYPES.contains(entityType)) {
            problems.add("/entity_type", "must be one of " + String.join(", ",
                    ENTITY_TYPES.stream().sorted().toList()));
        }
        if (entityId == null || entityId.isBlank()) {
            problems.add("/entity_id", "is required");
        }
        problems.throwIfAny();
        String normalizedId = "domain".equals(entityType)
                ? entityId.trim().toLowerCase(Locale.ROOT) : entityId.trim();

        return store.inTransaction(h -> {
            if (!LabelService.exists(h, labelId)) {
                throw ApiException.notFound("label", labelId);
            }
            if ("contact".equals(entityType) && !contactExists(h, normalizedId)) {
                throw ApiException.invalid("/entity_id", "no contact with id " + normalizedId);
            }
            var existing = h.createQuery("""
                    SELECT * FROM context_entities
                    WHERE label_id = :label AND entity_type = :type AND entity_id = :entity""")
                    .bind("label", labelId).bind("type", entityType).bind("entity", normalizedId)
                    .mapToMap().findOne();
            if (existing.isPresent()) {
                return view(existing.get());
            }
            String id = Ids.next("ent");
            h.createUpdate("""
                    INSERT INTO context_entities (id, label_id, entity_type, entity_id, created_at)
                    VALUES (:id, :label, :type, :entity, :now)""")
                    .bind("id", id).bind("label", labelId).bind("type", entityType)
                    .bind("entity", normalizedId).bind("now", System.currentTimeMillis())
                    .execute();
            ActivityLog.record(h, ActivityEntry.of("context.entity_added", id,
                            entityType + " " + normalizedId + " added to the context of " + labelId)
                    .actor(actor)
                    .contact("contact".equals(entityType) ? normalizedId : null, null)
                    .metadata(Map.of("label_id", labelId, "entity_type", entityType,
                            "entity_id", normalizedId)));
            return h.createQuery("SELECT * FROM context_entities WHERE id = :id").bind("id", id)
                    .mapToMap().map(ContextService::view).one();
        });
    }

    public List<Map<String, Object>> list(String labelId, String before, int limit) {
        return store.read(h -> {
            if (!LabelService.exists(h, labelId)) {
                throw ApiException.notFound("label", labelId);
            }
            return h.createQuery("""
                    SELECT * FROM context_entities WHERE label_id = :label
                      AND (:before IS NULL OR id < :before)
                    ORDER BY id DESC LIMIT :limit""")
                    .bind("label", labelId).bind("before", before).bind("limit", limit + 1)
                    .mapToMap().map(ContextService::view).list();
        });
    }

    public void remove(String labelId, String entityRowId, String actor) {
        store.useTransaction(h -> {
            int deleted = h.createUpdate(
                            "DELETE FROM context_entities WHERE id = :id AND label_id = :label")
                    .bind("id", entityRowId).bind("label", labelId).execute();
            if (deleted == 0) {
                throw ApiException.notFound("context entity", entityRowId);
            }
            ActivityLog.record(h, ActivityEntry.of("context.entity_removed", entityRowId,
                            "Context entity " + entityRowId + " removed from " + labelId)
                    .actor(actor).metadata(Map.of("label_id", labelId)));
        });
    }

    /** The labels whose context holds this sender, by contact or by mail domain. */
    public static List<String> labelsForSender(Handle h, String contactId, String domain) {
        return h.createQuery("""
                SELECT DISTINCT label_id FROM context_entities
                WHERE (entity_type = 'contact' AND entity_id = :contact)
                   OR (entity_type = 'domain' AND entity_id = :domain)
                ORDER BY label_id""")
                .bind("contact", contactId == null ? "" : contactId)
                .bind("domain", domain == null ? "" : domain)
                .mapTo(String.class).list();
    }

    /** The entities of the given labels, as a task's context. */
    public static List<Map<String, Object>> entitiesOf(Handle h, List<String> labelIds) {
        if (labelIds.isEmpty()) {
            return List.of();
        }
        return h.createQuery("""
                SELECT * FROM context_entities WHERE label_id IN (<labels>) ORDER BY id""")
                .bindList("labels", labelIds)
                .mapToMap().map(ContextService::view).list();
    }

    private static boolean contactExists(Handle h, String id) {
        return h.createQuery("SELECT COUNT(*) FROM contacts WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one() > 0;
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("label_id", row.get("label_id"));
        view.put("entity_type", row.get("entity_type"));
        view.put("entity_id", row.get("entity_id"));
        view.put("created_at", Rows.time(row, "created_at"));
        return view;
    }
}
