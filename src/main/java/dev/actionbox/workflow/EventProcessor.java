package dev.actionbox.workflow;

import dev.actionbox.activity.ActivityLog;
import dev.actionbox.context.ContextService;
import dev.actionbox.label.LabelService;
import dev.actionbox.label.MessageRef;
import dev.actionbox.message.MessageReader;
import dev.actionbox.store.EventQueue;
import dev.actionbox.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Turns one queued event into its effects: for new mail, the sender's context labels first;
 * then every enabled workflow of the event's trigger whose conditions hold, whose writes commit
 * in one transaction with the event's completion. A workflow acts on an event once: its run is
 * a unique row written in that transaction, so a retry after a crash, or a second node racing
 * on an expired lease, finds the row and does nothing.
 */
public final class EventProcessor {

    private static final MessageRef NO_MESSAGE = new MessageRef(null, null, null, null, null);

    private final Store store;

    public EventProcessor(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public void process(EventQueue.Event event) {
        if (event.type().equals("email_received")) {
            // Applying a label is idempotent, so the labels may commit on their own: a retry
            // after a crash before the workflows' commit applies nothing twice.
            store.useTransaction(h -> {
                MessageRef message = messageOf(h, event);
                if (message != NO_MESSAGE) {
                    applyContext(h, message, event.depth());
                }
            });
        }

        // Conditions are evaluated outside any write transaction: SQLite has one write lock
        // for the whole store, and a slow condition must not hold it.
        Evaluation evaluation = store.read(h -> new Evaluation(messageOf(h, event),
                EventPayloads.build(h, event), WorkflowService.enabledFor(h, event.type())));
        List<Workflow> matched = evaluation.workflows().stream()
                .filter(w -> ConditionEvaluator.matches(w.conditions(), evaluation.payload()))
                .toList();

        store.useTransaction(h -> {
            for (Workflow workflow : matched) {
                run(h, workflow, event, evaluation.message(), evaluation.payload());
            }
            EventQueue.complete(h, event.id());
        });
    }

    /** What the workflows of one event are evaluated against. */
    private record Evaluation(MessageRef message, Map<String, Object> payload,
            List<Workflow> workflows) {
    }

    /** Mail from a contact or domain in a label's context gets that label. */
    private static void applyContext(Handle h, MessageRef message, int depth) {
        String domain = message.fromAddress() == null ? null
                : message.fromAddress().substring(message.fromAddress().lastIndexOf('@') + 1);
        List<String> labels = ContextService.labelsForSender(h, message.contactId(), domain);
        for (String label : labels) {
            LabelService.apply(h, message, label, "system", depth + 1);
        }
    }

    private static void run(Handle h, Workflow workflow, EventQueue.Event event,
            MessageRef message, Map<String, Object> payload) {
        if (!markRun(h, workflow.id(), event.id())) {
            return;
        }
        WriteContext context = new WriteContext(workflow, event.id(), event.depth(), message,
                payload);
        ActivityLog.record(h, context.entry("workflow.matched", workflow.id(),
                        "Workflow '" + workflow.name() + "' matched " + event.type())
                .metadata(Map.of("trigger", event.type(), "event_id", event.id())));
        for (WriteSpec write : workflow.writes()) {
            WriteExecutor.execute(h, context, write);
        }
    }

    /** True when this is the first run of the workflow for the event. */
    private static boolean markRun(Handle h, String workflowId, String eventId) {
        return h.createUpdate("""
                INSERT INTO workflow_runs (workflow_id, event_id, outcome, created_at)
                VALUES (:workflow, :event, 'matched', :now) ON CONFLICT DO NOTHING""")
                .bind("workflow", workflowId)
                .bind("event", eventId)
                .bind("now", System.currentTimeMillis())
                .execute() > 0;
    }

    private static MessageRef messageOf(Handle h, EventQueue.Event event) {
        Object messageId = event.payload().get("message_id");
        if (messageId == null && event.payload().get("task_id") != null) {
            messageId = h.createQuery("SELECT source_message_id FROM tasks WHERE id = :id")
                    .bind("id", event.payload().get("task_id")).mapTo(String.class)
                    .findOne().orElse(null);
        }
        if (messageId == null) {
            return NO_MESSAGE;
        }
        return MessageReader.ref(h, messageId.toString()).orElse(NO_MESSAGE);
    }
}
