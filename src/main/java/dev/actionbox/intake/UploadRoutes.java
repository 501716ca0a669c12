package dev.actionbox.intake;

import dev.actionbox.api.ApiCall;
import dev.actionbox.api.ApiException;
import dev.actionbox.api.ApiResponse;
import dev.actionbox.api.RouteTable;
import dev.actionbox.api.Schema;
import dev.actionbox.auth.Scope;
import dev.actionbox.inbox.InboxService;
import dev.actionbox.message.StoredMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/messages/raw}: the upload way in, through the same pipeline as SMTP. */
public final class UploadRoutes {

    private static final Schema UPLOADED = Schema.object()
            .with("id", Schema.string())
            .with("thread_id", Schema.string())
            .with("inbox_id", Schema.string())
            .with("duplicate", Schema.bool()
                    .describedAs("True when this message was stored before; nothing new happens"))
            .with("outcome", Schema.oneOf(java.util.List.of("stored", "duplicate", "ignored"))
                    .describedAs("ignored: a mail loop, recorded in the activity feed only"))
            .require("id", "thread_id", "inbox_id", "duplicate", "outcome")
            .named("UploadedMessage");

    private UploadRoutes() {
    }

    public static void register(RouteTable routes, IntakeService intake, InboxService inboxes,
            long maxMessageBytes) {
        routes.add("POST", "/v1/messages/raw", Set.of(Scope.EMAIL_WRITE), "raw",
                "Upload a message as RFC 5322 bytes",
                call -> upload(call, intake, inboxes, maxMessageBytes))
                .query("inbox_id", Schema.string(), "The inbox it arrives in; default the first")
                .answers(201, UPLOADED)
                .alsoAnswers(200, UPLOADED);
    }

    private static Object upload(ApiCall call, IntakeService intake, InboxService inboxes,
            long maxMessageBytes) {
        byte[] raw = call.bytes();
        if (raw.length == 0) {
            throw ApiException.invalid("", "the body must be the message's RFC 5322 bytes");
        }
        if (raw.length > maxMessageBytes) {
            throw new ApiException(413, "too_large", "Messages are limited to " + maxMessageBytes
                    + " bytes (ACTIONBOX_MAX_MESSAGE_BYTES); this one has " + raw.length);
        }
        IntakeService.Destination destination = destination(call, inboxes);
        StoredMessage stored;
        try {
            stored = intake.accept(List.of(destination), null, raw, "upload").get(0);
        } catch (IntakeException e) {
            throw new ApiException(503, "store_unavailable", "The message could not be stored; "
                    + "try again shortly", List.of(), Map.of("Retry-After", "5"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.put("thread_id", stored.threadId());
        body.put("inbox_id", stored.inboxId());
        body.put("outcome", stored.outcome().name().toLowerCase(Locale.ROOT));
        body.put("duplicate", stored.duplicate());
        if (stored.ignored()) {
            body.put("reason", stored.reason());
        } else if (stored.reason() != null) {
            body.put("parse_error", stored.reason());
        }
        return stored.outcome() == StoredMessage.Outcome.STORED
                ? ApiResponse.created(body) : body;
    }

    private static IntakeService.Destination destination(ApiCall call, InboxService inboxes) {
        String inboxId = call.query("inbox_id");
        List<Map<String, Object>> all = inboxes.list();
        Map<String, Object> inbox = inboxId == null ? all.get(0) : all.stream()
                .filter(i -> inboxId.equals(i.get("id"))).findFirst()
                .orElseThrow(() -> ApiException.invalid("/inbox_id",
                        "no inbox with id " + inboxId));
        return new IntakeService.Destination((String) inbox.get("id"),
                (String) inbox.get("address"));
    }
}
