package dev.actionbox.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A workflow condition: one test of a payload field, or a group of conditions. */
sealed interface Condition {

    /** {@code {"field": ..., "op": ..., "value": ...}}; value is null for exists/not_exists. */
    record Test(String field, String op, JsonNode value) implements Condition {
    }

    /** {@code {"any": [...]}}: true when one of them holds. */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code {"all": [...]}}: true when all of them hold. */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }
}
