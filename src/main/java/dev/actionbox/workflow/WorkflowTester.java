package dev.actionbox.workflow;

import dev.actionbox.api.ApiException;
import dev.actionbox.message.MessageReader;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Evaluates a workflow against a stored message without any effect. */
public final class WorkflowTester {

    private final Store store;

    public WorkflowTester(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param labelId for {@code label_applied} workflows, the label to pretend was applied;
     *        null means the workflow's own {@code label_id eq} value, if it has one
     */
    public Map<String, Object> test(String workflowId, String messageId, String labelId) {
        return store.read(h -> {
            Workflow workflow = WorkflowService.find(h, workflowId)
                    .orElseThrow(() -> ApiException.notFound("workflow", workflowId));
            if (MessageReader.ref(h, messageId).isEmpty()) {
                throw ApiException.invalid("/message_id", "no message with id " + messageId);
            }
            Map<String, Object> eventPayload = new LinkedHashMap<>();
            eventPayload.put("message_id", messageId);
            String label = labelId != null ? labelId : labelFromConditions(workflow);
            if (label != null) {
                eventPayload.put("label_id", label);
            }
            EventQueue.Event event = new EventQueue.Event("evq_test", workflow.trigger(),
                    eventPayload, 0, 1);
            Map<String, Object> payload = EventPayloads.build(h, event);
            boolean matched = ConditionEvaluator.matches(workflow.conditions(), payload);
            List<Map<String, Object>> writes = new ArrayList<>();
            workflow.writes().forEach(w -> writes.add(Map.of("target_type", w.targetType(),
                    "would_run", matched)));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workflow_id", workflowId);
            result.put("message_id", messageId);
            result.put("matched", matched);
            result.put("writes", writes);
            result.put("payload", payload);
            return result;
        });
    }

    private static String labelFromConditions(Workflow workflow) {
        for (Condition condition : workflow.conditions()) {
            if (condition instanceof Condition.Test test && test.field().equals("label_id")
                    && test.op().equals("eq")) {
                return test.value().asText();
            }
        }
        return null;
    }
}
