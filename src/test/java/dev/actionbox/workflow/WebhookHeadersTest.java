package dev.actionbox.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.Json;
import dev.actionbox.api.ValidationException;
import org.junit.jupiter.api.Test;

/** Which extra headers a webhook target may carry: the author's, never the deliverer's. */
class WebhookHeadersTest {

    @Test
    void parse_ordinaryExtraHeaders_areAccepted() {
        Workflow workflow = WorkflowParser.parse("wf_1", webhook("""
                {"Authorization": "Bearer abc", "X-Team": "ops"}"""));

        assertThat(workflow).isNotNull();
    }

    @Test
    void parse_headersTheDelivererOwnsOrBrokenOnes_areEachNamedByPointer() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> WorkflowParser.parse("wf_1", webhook("""
                        {"Host": "intranet", "content-length": "0", "webhook-id": "x",
                         "Bad Name": "v", "X-Split": "a\\r\\nInjected: yes", "X-Num": 5}""")));

        assertThat(e.details()).extracting(d -> d.get("pointer")).containsExactlyInAnyOrder(
                "/writes/0/target/headers/Host",
                "/writes/0/target/headers/content-length",
                "/writes/0/target/headers/webhook-id",
                "/writes/0/target/headers/Bad Name",
                "/writes/0/target/headers/X-Split",
                "/writes/0/target/headers/X-Num");
        assertThat(e.details()).extracting(d -> d.get("message"))
                .contains("is set by Actionbox and cannot be overridden",
                        "is not a valid header name", "must be a string",
                        "must be one line of at most 8192 characters");
    }

    private static JsonNode webhook(String headers) {
        return Json.tree("""
                {"name": "hook", "trigger": "email_received", "writes": [{"target":
                 {"type": "webhook", "url": "https://tasks.example/in", "event_type": "x",
                  "headers": %s}}]}""".formatted(headers));
    }
}
