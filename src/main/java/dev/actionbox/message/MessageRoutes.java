package dev.actionbox.message;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;
import dev.actionbox.label.LabelService;
import dev.actionbox.label.MessageRef;
import dev.actionbox.store.Store;
import dev.actionbox.task.TaskService;
import java.util.Map;

/** {@code /v1/messages} and {@code /v1/threads}: reading mail and labelling it. */
public final class MessageRoutes {

    /** A mailbox as the API shows it: {name, address}. */
    public static final Schema ADDRESS = Schema.object()
            .with("name", Schema.string().orNull())
            .with("address", Schema.string())
            .require("name", "address")
            .named("Address");
    private static final Schema FLAGS = Schema.object()
            .with("auto_submitted", Schema.bool())
            .with("bounce", Schema.bool())
            .with("list", Schema.bool())
            .require("auto_submitted", "bounce", "list")
            .named("MessageFlags");
    private static final Schema THREAD_ENTRY = Schema.object()
            .with("id", Schema.string())
            .with("from", ADDRESS)
            .with("subject", Schema.string())
            .with("date", Schema.dateTime().orNull())
            .with("received_at", Schema.dateTime())
            .require("id", "from", "subject", "date", "received_at")
            .named("ThreadEntry");
    private static final Schema MESSAGE_SUMMARY = Schema.object()
            .with("id", Schema.string())
            .with("inbox_id", Schema.string())
            .with("thread_id", Schema.string())
            .with("message_id", Schema.string().orNull().describedAs("The Message-ID header"))
            .with("from", ADDRESS)
            .with("subject", Schema.string())
            .with("date", Schema.dateTime().orNull())
            .with("received_at", Schema.dateTime())
            .with("labels", Schema.array(Schema.string()))
            .with("flags", FLAGS)
            .with("parse_error", Schema.string().orNull())
            .require("id", "inbox_id", "thread_id", "message_id", "from", "subject", "date",
                    "received_at", "labels", "flags", "parse_error")
            .named("MessageSummary");
    private static final Schema ATTACHMENT = Schema.object()
            .with("id", Schema.string())
            .with("filename", Schema.string())
            .with("content_type", Schema.string())
            .with("size", Schema.integer())
            .with("inline", Schema.bool())
            .with("content_id", Schema.string().orNull())
            .require("id", "filename", "content_type", "size", "inline", "content_id")
            .named("Attachment");
    private static final Schema HEADERS = Schema.object()
            .with("auto_submitted", Schema.bool())
            .with("list_id", Schema.string().orNull())
            .with("in_reply_to", Schema.string().orNull())
            .with("references", Schema.array(Schema.string()))
            .with("thread_topic", Schema.string().orNull()
                    .describedAs("Outlook's Thread-Topic, carried on by reply drafts"))
            .with("thread_index", Schema.string().orNull()
                    .describedAs("Outlook's Thread-Index, extended by reply drafts"))
            .require("auto_submitted", "list_id", "in_reply_to", "references")
            .named("MessageHeaders");
    private static final Schema MESSAGE = Schema.object()
            .with("id", Schema.string())
            .with("inbox_id", Schema.string())
            .with("thread_id", Schema.string())
            .with("message_id", Schema.string().orNull().describedAs("The Message-ID header"))
            .with("from", ADDRESS)
            .with("contact_id", Schema.string().orNull())
            .with("to", Schema.array(ADDRESS))
            .with("cc", Schema.array(ADDRESS))
            .with("reply_to", Schema.array(ADDRESS))
            .with("subject", Schema.string())
            .with("date", Schema.dateTime().orNull())
            .with("received_at", Schema.dateTime())
            .with("text", Schema.string().describedAs("The visible text, quotes stripped"))
            .with("text_full", Schema.string())
            .with("html", Schema.string().orNull())
            .with("attachments", Schema.array(ATTACHMENT))
            .with("labels", Schema.array(Schema.string()))
            .with("headers", HEADERS)
            .with("flags", FLAGS)
            .with("auth_results", Schema.string().orNull())
            .with("parse_error", Schema.string().orNull())
            .with("warnings", Schema.array(Schema.string()))
            .with("size", Schema.integer())
            .with("thread", Schema.array(THREAD_ENTRY))
            .with("forwarded", Schema.array(Schema.openObject())
                    .describedAs("Messages attached as message/rfc822: subject, from, text"))
            .with("calendar", Schema.openObject().orNull()
                    .describedAs("A text/calendar invite: method, uid, summary, dtstart"))
            .with("bounce", Schema.openObject().orNull()
                    .describedAs("What a delivery failure report says: recipient, status"))
            .require("id", "inbox_id", "thread_id", "message_id", "from", "contact_id", "to",
                    "cc", "reply_to", "subject", "date", "received_at", "text", "text_full",
                    "html", "attachments", "labels", "headers", "flags", "auth_results",
                    "parse_error", "warnings", "size", "thread")
            .named("Message");
    private static final Schema THREAD = Schema.object()
            .with("id", Schema.string())
            .with("inbox_id", Schema.string())
            .with("subject", Schema.string())
            .with("participants", Schema.array(Schema.string()))
            .with("created_at", Schema.dateTime())
            .with("last_message_at", Schema.dateTime())
            .with("messages", Schema.array(THREAD_ENTRY))
            .require("id", "inbox_id", "subject", "participants", "created_at",
                    "last_message_at", "messages")
            .named("Thread");
    private static final Schema APPLY_LABEL = Schema.object()
            .with("label_id", Schema.text(200))
            .require("label_id")
            .named("ApplyLabel");

    private MessageRoutes() {
    }

    public static void register(RouteTable routes, MessageReader messages, Store store) {
        routes.get("/v1/messages", Scope.EMAIL_READ, "List messages",
                        call -> call.page(messages.list(new MessageReader.Filter(
                                call.query("thread_id"), call.query("label_id"), call.query("from"),
                                TaskService.parseTime(call.query("since"), "since"),
                                call.cursorId(), call.limit()))))
                .paged()
                .query("thread_id", Schema.string(), "Only messages of this thread")
                .query("label_id", Schema.string(), "Only messages with this label")
                .query("from", Schema.string(), "Only messages from this address")
                .query("since", Schema.dateTime(), "Only messages received at or after this")
                .answers(200, Schema.page(MESSAGE_SUMMARY))
                .get("/v1/messages/{id}", Scope.EMAIL_READ, "Get a message",
                        call -> messages.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("message", call.path("id"))))
                .answers(200, MESSAGE)
                .get("/v1/messages/{id}/raw", Scope.EMAIL_READ, "The message as received",
                        call -> ApiResponse.download(messages.raw(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("message", call.path("id"))),
                                "message/rfc822", call.path("id") + ".eml"))
                .answers(200, Schema.binary("message/rfc822"))
                .get("/v1/messages/{id}/attachments/{att_id}", Scope.EMAIL_READ,
                        "Download an attachment", call -> attachment(call, messages))
                .answers(200, Schema.binary("*/*"))
                .get("/v1/threads/{id}", Scope.EMAIL_READ, "A thread and its messages in order",
                        call -> messages.thread(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("thread", call.path("id"))))
                .answers(200, THREAD)
                .post("/v1/messages/{id}/labels", Scope.LABELS_WRITE,
                        "Apply a label to a message", call -> applyLabel(call, store, messages))
                .accepts(APPLY_LABEL).answers(200, MESSAGE)
                .delete("/v1/messages/{id}/labels/{label_id}", Scope.LABELS_WRITE,
                        "Remove a label from a message", call -> {
                            removeLabel(call, store);
                            return ApiResponse.noContent();
                        })
                .answers(204, null);
    }

    private static Object attachment(ApiCall call, MessageReader messages) {
        Map<String, Object> found = messages.attachment(call.path("id"), call.path("att_id"))
                .orElseThrow(() -> ApiException.notFound("attachment", call.path("att_id")));
        Object filename = found.get("filename");
        return ApiResponse.download((byte[]) found.get("content"),
                String.valueOf(found.get("content_type")),
                filename == null ? call.path("att_id") : filename.toString());
    }

    private static Object applyLabel(ApiCall call, Store store, MessageReader messages) {
        String labelId = call.text("label_id");
        if (labelId == null) {
            throw ApiException.invalid("/label_id", "is required");
        }
        String messageId = call.path("id");
        store.useTransaction(h -> {
            MessageRef message = MessageReader.ref(h, messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId));
            if (!LabelService.exists(h, labelId)) {
                throw ApiException.invalid("/label_id", "no label with id " + labelId);
            }
            LabelService.apply(h, message, labelId, call.actor(), 0);
        });
        return messages.get(messageId).orElseThrow();
    }

    private static void removeLabel(ApiCall call, Store store) {
        String messageId = call.path("id");
        String labelId = call.path("label_id");
        store.useTransaction(h -> {
            MessageRef message = MessageReader.ref(h, messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId));
            if (!LabelService.remove(h, message, labelId, call.actor())) {
                throw ApiException.notFound("label on this message", labelId);
            }
        });
    }
}
