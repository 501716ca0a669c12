package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A stored workflow: its definition exactly as posted, and the parsed parts. */
record Workflow(
        String id,
        String name,
        String trigger,
        List<Condition> conditions,
        List<WriteSpec> writes,
        boolean enabled,
        JsonNode definition) {

    Workflow {
        conditions = List.copyOf(conditions);
        writes = List.copyOf(writes);
    }

    String actor() {
        return "workflow:" + id;
    }
}
