package dev.actionbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static final Schema BODY = Schema.object()
            .with("name", Schema.text(5))
            .with("when", Schema.dateTime().orNull())
            .with("count", Schema.integer(1, 10))
            .with("tags", Schema.array(Schema.oneOf(List.of("a", "b"))).withItemCount(null, 2))
            .with("inner", Schema.object().with("x", Schema.bool()).require("x"))
            .with("headers", Schema.mapOf(Schema.string()))
            .require("name");

    @Test
    void problems_everyBadField_reportedAtOnceByPointer() {
        List<Map<String, Object>> problems = SchemaValidator.problems(BODY, Json.tree("""
                {"when": "soon", "count": 11, "tags": ["a", "c"], "inner": {"y": 1},
                 "headers": {"h": 1}, "a/b~c": true}"""));

        assertThat(problems).extracting(p -> p.get("pointer")).containsExactlyInAnyOrder(
                "/name", "/when", "/count", "/tags/1", "/inner/y", "/inner/x", "/headers/h",
                "/a~1b~0c");
    }

    @Test
    void problems_validBody_none() {
        assertThat(SchemaValidator.problems(BODY, Json.tree("""
                {"name": "abc", "when": null, "count": 3, "tags": ["b"],
                 "inner": {"x": false}, "headers": {"h": "v"}}"""))).isEmpty();
    }

    @Test
    void problems_wrongTypes_namedForEachKind() {
        List<Map<String, Object>> problems = SchemaValidator.problems(BODY, Json.tree("""
                {"name": 1, "count": 1.5, "tags": "a", "inner": [], "when": 5}"""));

        assertThat(problems).extracting(p -> p.get("message")).contains("must be a string",
                "must be a whole number", "must be a list", "must be an object");
    }

    @Test
    void problems_nulCharacterAnywhere_refused() {
        List<Map<String, Object>> problems = SchemaValidator.problems(Schema.openObject(),
                Json.tree("{\"deep\": [{\"x\": \"a\\u0000b\"}], \"ok\": \"\\ud83d\\ude00\"}"));

        assertThat(problems).extracting(p -> p.get("pointer")).containsExactly("/deep/0/x");
    }

    @Test
    void problems_loneSurrogate_refused() {
        assertThat(SchemaValidator.problems(Schema.any(), Json.tree("\"\\ud800x\""))).hasSize(1);
    }

    @Test
    void problems_notAnObject_reportedAtTheRoot() {
        assertThat(SchemaValidator.problems(BODY, Json.tree("[1]")))
                .extracting(p -> p.get("pointer")).containsExactly("");
    }

    @Test
    void problems_hugeListOfBadItems_cappedAtTheLimit() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        Schema strings = Schema.array(Schema.string());

        assertThat(SchemaValidator.problems(strings, Json.tree(items + "]")))
                .hasSize(SchemaValidator.MAX_PROBLEMS);
    }
}
