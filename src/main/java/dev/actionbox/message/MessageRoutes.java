package dev.actionbox.message;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.auth.Scope;
import dev.actionbox.label.LabelService;
import dev.actionbox.label.MessageRef;
import dev.actionbox.store.Store;
import dev.actionbox.task.TaskService;
import java.util.Map;

/** {@code /v1/messages} and {@code /v1/threads}: reading mail and labelling it. */
public final class MessageRoutes {

    private MessageRoutes() {
    }

    public static void register(RouteTable routes, MessageReader messages, Store store) {
        routes.get("/v1/messages", Scope.EMAIL_READ, "List messages",
                        call -> call.page(messages.list(new MessageReader.Filter(
                                call.query("thread_id"), call.query("label_id"), call.query("from"),
                                TaskService.parseTime(call.query("since"), "since"),
                                call.cursorId(), call.limit()))))
                .get("/v1/messages/{id}", Scope.EMAIL_READ, "Get a message",
                        call -> messages.get(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("message", call.path("id"))))
                .get("/v1/messages/{id}/raw", Scope.EMAIL_READ, "The message as received",
                        call -> ApiResponse.bytes(messages.raw(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("message", call.path("id"))),
                                "message/rfc822"))
                .get("/v1/messages/{id}/attachments/{att_id}", Scope.EMAIL_READ,
                        "Download an attachment", call -> attachment(call, messages))
                .get("/v1/threads/{id}", Scope.EMAIL_READ, "A thread and its messages in order",
                        call -> messages.thread(call.path("id")).orElseThrow(
                                () -> ApiException.notFound("thread", call.path("id"))))
                .post("/v1/messages/{id}/labels", Scope.LABELS_WRITE,
                        "Apply a label to a message", call -> applyLabel(call, store, messages))
                .delete("/v1/messages/{id}/labels/{label_id}", Scope.LABELS_WRITE,
                        "Remove a label from a message", call -> {
                            removeLabel(call, store);
                            return ApiResponse.noContent();
                        });
    }

    private static Object attachment(ApiCall call, MessageReader messages) {
        Map<String, Object> found = messages.attachment(call.path("id"), call.path("att_id"))
                .orElseThrow(() -> ApiException.notFound("attachment", call.path("att_id")));
        return ApiResponse.bytes((byte[]) found.get("content"),
                String.valueOf(found.get("content_type")));
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
