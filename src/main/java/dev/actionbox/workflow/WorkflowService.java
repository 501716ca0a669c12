package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores workflows exactly as posted and reads them back parsed. */
public final class WorkflowService {

    private static final Logger log = LoggerFactory.getLogger(WorkflowService.class);

    private final Store store;

    public WorkflowService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** @throws dev.actionbox.api.ValidationException naming every bad part */
    public Map<String, Object> create(JsonNode definition, String actor) {
        String id = Ids.next("wf");
        Workflow workflow = WorkflowParser.parse(id, definition);
        long now = System.currentTimeMillis();
        store.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO workflows (id, name, trigger_type, definition, enabled, created_at,
                        updated_at)
                    VALUES (:id, :name, :trigger, :definition, :enabled, :now, :now)""")
                    .bind("id", id).bind("name", workflow.name())
                    .bind("trigger", workflow.trigger())
                    .bind("definition", Json.write(definition))
                    .bind("enabled", workflow.enabled() ? 1 : 0).bind("now", now).execute();
            ActivityLog.record(h, ActivityEntry.of("workflow.created", id,
                    "Workflow '" + workflow.name() + "' created").actor(actor).workflow(id));
        });
        return get(id).orElseThrow();
    }

    /** Changes the given top-level fields and checks the result as a whole. */
    public Map<String, Object> update(String id, JsonNode changes, String actor) {
        if (changes == null || !changes.isObject()) {
            throw ApiException.invalid("", "must be a JSON object of fields to change");
        }
        String stored = store.read(h -> h.createQuery(
                        "SELECT definition FROM workflows WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne())
                .orElseThrow(() -> ApiException.notFound("workflow", id));
        ObjectNode merged = (ObjectNode) Json.tree(stored);
        JsonNode storedWrites = merged.get("writes");
        changes.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
        WebhookSecrets.restore(merged.get("writes"), storedWrites);
        Workflow workflow = WorkflowParser.parse(id, merged);
        store.useTransaction(h -> {
            h.createUpdate("""
                    UPDATE workflows SET name = :name, trigger_type = :trigger,
                        definition = :definition, enabled = :enabled, updated_at = :now
                    WHERE id = :id""")
                    .bind("name", workflow.name()).bind("trigger", workflow.trigger())
                    .bind("definition", Json.write(merged))
                    .bind("enabled", workflow.enabled() ? 1 : 0)
                    .bind("now", System.currentTimeMillis()).bind("id", id).execute();
            ActivityLog.record(h, ActivityEntry.of("workflow.updated", id,
                    "Workflow '" + workflow.name() + "' updated").actor(actor).workflow(id));
        });
        return get(id).orElseThrow();
    }

    public void delete(String id, String actor) {
        store.useTransaction(h -> {
            int deleted = h.createUpdate("DELETE FROM workflows WHERE id = :id").bind("id", id)
                    .execute();
            if (deleted == 0) {
                throw ApiException.notFound("workflow", id);
            }
            ActivityLog.record(h, ActivityEntry.of("workflow.deleted", id,
                    "Workflow " + id + " deleted").actor(actor).workflow(id));
        });
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> h.createQuery("SELECT * FROM workflows WHERE id = :id")
                .bind("id", id).mapToMap().findOne().map(WorkflowService::view));
    }

    public List<Map<String, Object>> list(String before, int limit) {
        return store.read(h -> h.createQuery("""
                SELECT * FROM workflows WHERE (:before IS NULL OR id < :before)
                ORDER BY id DESC LIMIT :limit""")
                .bind("before", before).bind("limit", limit + 1)
                .mapToMap().map(WorkflowService::view).list());
    }

    /**
     * Enabled workflows for a trigger, oldest first, so that their effects keep one order. A
     * stored definition that no longer reads is left out with an error in the log rather than
     * failing the event, which would stop every other workflow of the trigger too.
     */
    static List<Workflow> enabledFor(Handle h, String trigger) {
        List<Map<String, Object>> rows = h.createQuery("""
                SELECT id, definition FROM workflows WHERE trigger_type = :trigger AND enabled = 1
                ORDER BY id""")
                .bind("trigger", trigger).mapToMap().list();
        List<Workflow> workflows = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String id = Rows.str(row, "id");
            try {
                workflows.add(WorkflowParser.parseStored(id,
                        Json.tree(Rows.str(row, "definition"))));
            } catch (ValidationException e) {
                log.error("Stored workflow does not read and is skipped; fix it with PATCH "
                        + "/v1/workflows/{}/, workflow={} problems={}", id, id, e.details());
            }
        }
        return workflows;
    }

    static Optional<Workflow> find(Handle h, String id) {
        return h.createQuery("SELECT id, definition FROM workflows WHERE id = :id")
                .bind("id", id).mapToMap()
                .map(row -> WorkflowParser.parseStored(id,
                        Json.tree(Rows.str(row, "definition"))))
                .findOne();
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        JsonNode definition = Json.tree(Rows.str(row, "definition"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("name", row.get("name"));
        view.put("trigger", row.get("trigger_type"));
        view.put("conditions", definition.has("conditions") ? definition.get("conditions")
                : Json.MAPPER.createArrayNode());
        view.put("writes", WebhookSecrets.redacted(definition.get("writes")));
        view.put("enabled", Rows.bool(row, "enabled"));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("updated_at", Rows.time(row, "updated_at"));
        return view;
    }
}
