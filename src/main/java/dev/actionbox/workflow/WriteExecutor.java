package dev.actionbox.workflow;

import dev.actionbox.activity.ActivityLog;
import dev.actionbox.context.ContextService;
import dev.actionbox.delivery.DraftService;
import dev.actionbox.delivery.NewDraft;
import dev.actionbox.delivery.WebhookOutbox;
import dev.actionbox.label.LabelService;
import dev.actionbox.mail.SubjectNormalizer;
import dev.actionbox.message.MessageStore;
import dev.actionbox.store.Times;
import dev.actionbox.task.NewTask;
import dev.actionbox.task.TaskRepository;
import dev.actionbox.task.TaskStatus;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Carries out one write of a matched workflow inside the event's transaction: resolves the
 * target's fields from the payload, checks the write's contract, and then makes the task,
 * queues the webhook, holds the draft or applies the label.
 */
final class WriteExecutor {

    /** How deep label cascades may go: a label write at this depth is not followed. */
    static final int MAX_CASCADE_DEPTH = 5;

    private WriteExecutor() {
    }

    static void execute(Handle h, WriteContext context, WriteSpec write) {
        Map<String, Object> fields = resolve(h, context, write);
        MachineMail machine = MachineMail.of(context.payload());
        Optional<String> refusal = switch (write.targetType()) {
            case "email.draft" -> machine.noReplyReason();
            case "task" -> machine.noNewTaskReason(context.workflow());
            default -> Optional.empty();
        };
        if (refusal.isPresent()) {
            refuse(h, context, write, refusal.get());
            return;
        }
        List<String> missing = missing(write, fields);
        if (!missing.isEmpty()) {
            onMissing(h, context, write, fields, missing);
            return;
        }
        perform(h, context, write, fields);
    }

    /**
     * Machine mail makes no new task, but a bounce or an auto-reply in a thread whose task is
     * open joins that task, so the people working on it see that their mail did not arrive.
     */
    private static void refuse(Handle h, WriteContext context, WriteSpec write, String reason) {
        String threadId = context.message().threadId();
        Optional<Map<String, Object>> open = Optional.empty();
        if (write.targetType().equals("task") && threadId != null) {
            open = TaskRepository.openInThread(h, threadId, context.workflow().id());
        }
        if (open.isPresent()) {
            attachToOpenTask(h, context, open.get());
            return;
        }
        ActivityLog.record(h, ReviewQueue.skipped(context, write, reason));
    }

    /** Makes the write's effect from fields that meet its contract; returns the new id. */
    static String perform(Handle h, WriteContext context, WriteSpec write,
            Map<String, Object> fields) {
        return switch (write.targetType()) {
            case "task" -> task(h, context, fields);
            case "webhook" -> webhook(h, context, write, fields);
            case "email.draft" -> draft(h, context, fields);
            case "email.add_label" -> addLabel(h, context, write);
            default -> throw new IllegalStateException("Unknown target " + write.targetType());
        };
    }

    private static void onMissing(Handle h, WriteContext context, WriteSpec write,
            Map<String, Object> fields, List<String> missing) {
        switch (write.onMissing()) {
            case "skip" -> ActivityLog.record(h, ReviewQueue.skipped(context, write,
                    "missing " + String.join(", ", missing)));
            case "fail" -> ActivityLog.record(h, context.entry("workflow.failed",
                            context.workflow().id(), "Write " + write.targetType()
                                    + " failed: missing " + String.join(", ", missing))
                    .metadata(Map.of("missing", missing)));
            default -> ReviewQueue.hold(h, context, write, fields, missing);
        }
    }

    private static List<String> missing(WriteSpec write, Map<String, Object> fields) {
        List<String> missing = new ArrayList<>();
        for (String field : write.required()) {
            Object value = fields.get(field);
            if (value == null || value.toString().isBlank()) {
                missing.add(field);
            }
        }
        if (write.targetType().equals("email.draft") && fields.get("to") == null
                && !missing.contains("to")) {
            missing.add("to");
        }
        return missing;
    }

    /** The target's fields: defaults from the message, then the write's map on top. */
    private static Map<String, Object> resolve(Handle h, WriteContext context, WriteSpec write) {
        Map<String, Object> fields = switch (write.targetType()) {
            case "task" -> TaskDefaults.from(h, context.payload(), write);
            case "email.draft" -> DraftDefaults.from(context.payload(), write);
            default -> new LinkedHashMap<>(context.payload());
        };
        write.map().forEach((field, template) ->
                fields.put(field, Templates.render(template, context.payload())));
        return fields;
    }

    /**
     * One request is one task: when another workflow already made a task from this message,
     * this write records that and makes none, so that two workflows matching the same mail
     * (such as the brief's default and draft-plus-task examples) do not double the work.
     */
    @SuppressWarnings("unchecked")
    private static String task(Handle h, WriteContext context, Map<String, Object> fields) {
        String threadId = context.message().threadId();
        if (threadId != null) {
            // Two nodes may work on one message or thread at the same moment; with the
            // thread's row held, the checks below and the insert run one after the other.
            MessageStore.lockThread(h, threadId);
        }
        Optional<String> existing = context.message().id() == null ? Optional.empty()
                : TaskRepository.openTaskOfMessage(h, context.message().id());
        if (existing.isPresent()) {
            ActivityLog.record(h, context.entry("workflow.write_skipped", existing.get(),
                            "Skipped task: the message already belongs to task " + existing.get())
                    .task(existing.get())
                    .metadata(Map.of("target_type", "task", "reason", "message_has_task")));
            return existing.get();
        }
        Optional<Map<String, Object>> open = threadId == null ? Optional.empty()
                : TaskRepository.openInThread(h, threadId, context.workflow().id());
        if (open.isPresent()) {
            return attachToOpenTask(h, context, open.get());
        }
        List<String> labels = (List<String>) fields.getOrDefault("labels", List.of());
        NewTask task = new NewTask(
                fields.get("summary").toString(),
                text(fields.get("description")),
                choice(fields.get("status"), TaskStatus.STATUSES, "open"),
                choice(fields.get("priority"), TaskStatus.PRIORITIES, "normal"),
                text(fields.get("owner")),
                time(fields.get("due_at")),
                time(fields.get("follow_up_at")),
                labels,
                ContextService.entitiesOf(h, labels),
                context.message().id(),
                threadId,
                context.workflow().id(),
                context.message().fromAddress());
        return TaskRepository.insert(h, task, context.workflow().actor(),
                context.message().inboxId(), context.message().contactId());
    }

    /**
     * A later message in a thread that already has an open task joins that task; a reply from
     * the requester to a task waiting on them reopens it, unless a machine sent it (an
     * out-of-office reply says nothing about the task).
     */
    private static String attachToOpenTask(Handle h, WriteContext context,
            Map<String, Object> task) {
        String taskId = (String) task.get("id");
        if (TaskRepository.attachMessage(h, taskId, context.message().id())) {
            ActivityLog.record(h, context.entry("task.message_added", taskId,
                    "Message " + context.message().id() + " added to task " + taskId)
                    .task(taskId));
        }
        String requester = (String) task.get("requester_address");
        boolean fromRequester = requester != null
                && requester.equalsIgnoreCase(context.message().fromAddress());
        boolean person = !MachineMail.of(context.payload()).any();
        if ("waiting".equals(task.get("status")) && fromRequester && person) {
            TaskRepository.changeStatus(h, taskId, "open", context.workflow().actor());
        }
        return taskId;
    }

    private static String webhook(Handle h, WriteContext context, WriteSpec write,
            Map<String, Object> fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (write.target().has("headers")) {
            write.target().get("headers").fields().forEachRemaining(
                    e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        return WebhookOutbox.enqueue(h, new WebhookOutbox.Request(
                write.targetText("url"), write.targetText("event_type") == null
                        ? "workflow.write" : write.targetText("event_type"),
                write.targetText("secret"), headers, fields, context.workflow().id(),
                context.eventId(), context.message().id()));
    }

    @SuppressWarnings("unchecked")
    private static String draft(Handle h, WriteContext context, Map<String, Object> fields) {
        NewDraft draft = new NewDraft(context.message().id(), context.workflow().id(),
                List.of((Map<String, Object>) fields.get("to")),
                fields.get("subject").toString(), fields.get("body").toString(),
                (String) fields.get("in_reply_to"),
                (List<String>) fields.getOrDefault("references", List.of()),
                fields.get("headers") instanceof Map<?, ?> headers
                        ? (Map<String, String>) headers : Map.of());
        return DraftService.create(h, draft, context.message().inboxId(),
                context.message().threadId(), context.message().contactId());
    }

    private static String addLabel(Handle h, WriteContext context, WriteSpec write) {
        String labelId = write.targetText("label_id");
        if (context.depth() >= MAX_CASCADE_DEPTH) {
            ActivityLog.record(h, ReviewQueue.skipped(context, write, "label cascade deeper than "
                    + MAX_CASCADE_DEPTH + " stopped"));
            return labelId;
        }
        if (!LabelService.exists(h, labelId)) {
            ActivityLog.record(h, ReviewQueue.skipped(context, write,
                    "label " + labelId + " does not exist"));
            return labelId;
        }
        LabelService.apply(h, context.message(), labelId, context.workflow().actor(),
                context.depth() + 1);
        return labelId;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String choice(Object value, List<String> allowed, String fallback) {
        String text = text(value);
        return text != null && allowed.contains(text.toLowerCase(Locale.ROOT))
                ? text.toLowerCase(Locale.ROOT) : fallback;
    }

    private static Long time(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Times.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String summaryFrom(String subject, String text) {
        String stripped = oneCleanLine(SubjectNormalizer.strip(subject == null ? "" : subject));
        if (!stripped.isEmpty()) {
            return stripped;
        }
        return oneCleanLine(TaskDefaults.firstSentence(text));
    }

    /**
     * A summary is shown in lists, terminals and other systems: control characters from a
     * broken message would garble them, and a bidirectional override would show a summary in
     * another order than it has. Controls become spaces; direction controls are dropped.
     */
    static String oneCleanLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean direction = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x200E || c == 0x200F || c == 0x061C;
            if (Character.isISOControl(c)) {
                out.append(' ');
            } else if (!direction) {
                out.appendCodePoint(c);
            }
        });
        return out.toString().replaceAll("\\s+", " ").trim();
    }
}
