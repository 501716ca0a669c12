package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.activity.ActivityEntry;
import dev.actionbox.activity.ActivityLog;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.Json;
import dev.actionbox.api.ValidationException;
import dev.actionbox.label.MessageRef;
import dev.actionbox.message.MessageReader;
import dev.actionbox.store.Rows;
import dev.actionbox.store.StatusPage;
import dev.actionbox.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Writes held for review: a person fills in what was missing and approves, or rejects. */
public final class ReviewService {

    private final Store store;

    public ReviewService(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public List<Map<String, Object>> list(String status, String before, int limit) {
        return store.read(h -> StatusPage.read(h, "reviews", status, before, limit)).stream()
                .map(ReviewService::view).toList();
    }

    public Optional<Map<String, Object>> get(String id) {
        return store.read(h -> row(h, id).map(ReviewService::view));
    }

    /**
     * Approves a held write with the missing fields filled in; the write then takes effect.
     *
     * @param fields the body's {@code fields} object, or the body itself
     * @throws ApiException 409 when already decided, 422 when a required field is still empty
     */
    public Map<String, Object> approve(String id, JsonNode fields, String actor) {
        store.useTransaction(h -> {
            Map<String, Object> row = pending(h, id);
            Map<String, Object> proposal = new LinkedHashMap<>(Json.map(Rows.str(row, "proposal")));
            if (fields != null && fields.isObject()) {
                Json.MAPPER.convertValue(fields, Map.class)
                        .forEach((k, v) -> proposal.put(String.valueOf(k), v));
            }
            ValidationException.Collector problems = new ValidationException.Collector();
            for (String field : Json.stringList(Rows.str(row, "missing"))) {
                Object value = proposal.get(field);
                if (value == null || value.toString().isBlank()) {
                    problems.add("/fields/" + field, "is required to approve this review");
                }
            }
            problems.throwIfAny();
            String resultId = perform(h, row, proposal);
            decide(h, id, "approved", resultId, actor);
        });
        return get(id).orElseThrow();
    }

    public Map<String, Object> reject(String id, String actor) {
        store.useTransaction(h -> {
            pending(h, id);
            decide(h, id, "rejected", null, actor);
        });
        return get(id).orElseThrow();
    }

    private static String perform(Handle h, Map<String, Object> row, Map<String, Object> fields) {
        String workflowId = Rows.str(row, "workflow_id");
        Workflow workflow = WorkflowService.find(h, workflowId).orElseThrow(() ->
                ApiException.conflict("Workflow " + workflowId
                        + " was deleted; reject the review"));
        JsonNode target = Json.tree(Rows.str(row, "target"));
        WriteSpec write = new WriteSpec(Rows.str(row, "target_type"), target, Map.of(), List.of(),
                "fail");
        String messageId = Rows.str(row, "message_id");
        MessageRef message = messageId == null ? new MessageRef(null, null, null, null, null)
                : MessageReader.ref(h, messageId).orElseThrow();
        WriteContext context = new WriteContext(workflow, Rows.str(row, "event_id"), 0, message,
                fields);
        return WriteExecutor.perform(h, context, write, fields);
    }

    private static Map<String, Object> pending(Handle h, String id) {
        Map<String, Object> row = row(h, id).orElseThrow(() -> ApiException.notFound("review", id));
        if (!"pending".equals(row.get("status"))) {
            throw ApiException.conflict("Review " + id + " was already " + row.get("status"));
        }
        return row;
    }

    private static void decide(Handle h, String id, String status, String resultId,
            String actor) {
        h.createUpdate("""
                UPDATE reviews SET status = :status, resolved_at = :now, result_id = :result
                WHERE id = :id""")
                .bind("status", status).bind("now", System.currentTimeMillis())
                .bind("result", resultId).bind("id", id).execute();
        ActivityLog.record(h, ActivityEntry.of("review." + status, id,
                        "Review " + id + " " + status)
                .actor(actor)
                .metadata(resultId == null ? Map.of() : Map.of("result_id", resultId)));
    }

    private static Optional<Map<String, Object>> row(Handle h, String id) {
        return h.createQuery("SELECT * FROM reviews WHERE id = :id").bind("id", id)
                .mapToMap().findOne();
    }

    private static Map<String, Object> view(Map<String, Object> row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.get("id"));
        view.put("workflow_id", row.get("workflow_id"));
        view.put("message_id", row.get("message_id"));
        view.put("target_type", row.get("target_type"));
        view.put("target", Json.tree(Rows.str(row, "target")));
        Map<String, Object> proposal = Json.map(Rows.str(row, "proposal"));
        view.put("proposal", trimmed(proposal));
        view.put("missing", Json.stringList(Rows.str(row, "missing")));
        view.put("status", row.get("status"));
        view.put("result_id", row.get("result_id"));
        view.put("created_at", Rows.time(row, "created_at"));
        view.put("resolved_at", Rows.time(row, "resolved_at"));
        return view;
    }

    /** The proposal without the bulky message copy that webhook payloads carry. */
    private static Map<String, Object> trimmed(Map<String, Object> proposal) {
        Map<String, Object> copy = new LinkedHashMap<>(proposal);
        copy.remove("message");
        return copy;
    }
}
