package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A webhook target's {@code secret} and its extra header values (often an Authorization
 * token) are write-only: anyone who may read workflows must not learn credentials for the
 * systems they call. Views show {@value #PLACEHOLDER} instead, and an update that sends the
 * placeholder back, as a client that edits what it read does, keeps the stored value.
 */
final class WebhookSecrets {

    static final String PLACEHOLDER = "********";

    private WebhookSecrets() {
    }

    /** A copy of the writes with every webhook secret and header value replaced. */
    static JsonNode redacted(JsonNode writes) {
        if (writes == null || !writes.isArray()) {
            return writes;
        }
        JsonNode copy = writes.deepCopy();
        for (JsonNode write : copy) {
            ObjectNode target = webhookTarget(write);
            if (target == null) {
                continue;
            }
            if (target.hasNonNull("secret")) {
                target.put("secret", PLACEHOLDER);
            }
            if (target.get("headers") instanceof ObjectNode headers) {
                headers.fieldNames().forEachRemaining(name -> headers.put(name, PLACEHOLDER));
            }
        }
        return copy;
    }

    /**
     * Puts the stored values back where the new writes hold the placeholder: the secret of the
     * write at the same position, a header of the same name there. A placeholder with nothing
     * stored behind it stays, and the parser refuses it.
     */
    static void restore(JsonNode writes, JsonNode storedWrites) {
        if (writes == null || !writes.isArray() || storedWrites == null
                || !storedWrites.isArray()) {
            return;
        }
        for (int i = 0; i < writes.size() && i < storedWrites.size(); i++) {
            ObjectNode target = webhookTarget(writes.get(i));
            ObjectNode stored = webhookTarget(storedWrites.get(i));
            if (target == null || stored == null) {
                continue;
            }
            if (isPlaceholder(target.get("secret")) && stored.hasNonNull("secret")) {
                target.set("secret", stored.get("secret"));
            }
            if (target.get("headers") instanceof ObjectNode headers
                    && stored.get("headers") instanceof ObjectNode storedHeaders) {
                Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> header = fields.next();
                    JsonNode kept = storedHeaders.get(header.getKey());
                    if (isPlaceholder(header.getValue()) && kept != null) {
                        header.setValue(kept);
                    }
                }
            }
        }
    }

    static boolean isPlaceholder(JsonNode value) {
        return value != null && value.isTextual() && PLACEHOLDER.equals(value.textValue());
    }

    private static ObjectNode webhookTarget(JsonNode write) {
        if (write == null || !(write.get("target") instanceof ObjectNode target)) {
            return null;
        }
        JsonNode type = target.get("type");
        return type != null && "webhook".equals(type.asText()) ? target : null;
    }
}
