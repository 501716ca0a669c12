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
                        "must be printable ASCII on one line, at most 2000 characters; "
                                + "encode other text first (for example percent-encoding)");
    }

    @Test
    void parse_namesTheDelivererOwnsByPrefixOrTwiceOrValuesThatHttpMangles_areRefused() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> WorkflowParser.parse("wf_1", webhook("""
                        {"webhook-foo": "x", "Proxy-Authorization": "x", "X-A": "1",
                         "x-a": "2", "X-Uni": "caf\u00e9 \u2713", "X-Del": "a\u007fb",
                         "X-Long": "%s"}""".formatted("v".repeat(2_001)))));

        assertThat(e.details()).extracting(d -> d.get("pointer")).containsExactlyInAnyOrder(
                "/writes/0/target/headers/webhook-foo",
                "/writes/0/target/headers/Proxy-Authorization",
                "/writes/0/target/headers/x-a",
                "/writes/0/target/headers/X-Uni",
                "/writes/0/target/headers/X-Del",
                "/writes/0/target/headers/X-Long");
    }

    @Test
    void parse_tooManyHeadersOrTheReadPlaceholder_areRefused() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"X-").append(i).append("\": \"v\"");
        }
        ValidationException tooMany = catchThrowableOfType(ValidationException.class,
                () -> WorkflowParser.parse("wf_1", webhook(many.append("}").toString())));
        ValidationException placeholder = catchThrowableOfType(ValidationException.class,
                () -> WorkflowParser.parse("wf_1", Json.tree("""
                        {"name": "hook", "trigger": "email_received", "writes": [{"target":
                         {"type": "webhook", "url": "https://tasks.example/in",
                          "event_type": "x", "secret": "********"}}]}""")));

        assertThat(tooMany.details()).extracting(d -> d.get("pointer"))
                .containsExactly("/writes/0/target/headers");
        assertThat(placeholder.details()).extracting(d -> d.get("pointer"))
                .containsExactly("/writes/0/target/secret");
    }

    @Test
    void parse_urlJavaReadsWithoutAHost_isRefused() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> WorkflowParser.parse("wf_1", Json.tree("""
                        {"name": "hook", "trigger": "email_received", "writes": [{"target":
                         {"type": "webhook", "url": "http://127.1:8080/in",
                          "event_type": "x"}}]}""")));

        assertThat(e.details()).extracting(d -> d.get("pointer"))
                .containsExactly("/writes/0/target/url");
    }

    @Test
    void parseStored_definitionSavedBeforeAHeaderRule_stillReads() {
        JsonNode saved = webhook("""
                {"Content-Type": "application/json", "X-Team": "ops"}""");

        assertThat(WorkflowParser.parseStored("wf_1", saved)).isNotNull();
    }

    private static JsonNode webhook(String headers) {
        return Json.tree("""
                {"name": "hook", "trigger": "email_received", "writes": [{"target":
                 {"type": "webhook", "url": "https://tasks.example/in", "event_type": "x",
                  "headers": %s}}]}""".formatted(headers));
    }
}
