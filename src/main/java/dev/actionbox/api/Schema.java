package dev.actionbox.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a JSON value, declared next to a route: the router checks request bodies
 * against it ({@link SchemaValidator}) and the OpenAPI document shows it as JSON Schema
 * 2020-12. Only the keywords below exist, so both readers agree on what a schema means.
 * Immutable; every {@code with} method returns a copy.
 *
 * @param name the component name in the OpenAPI document, or null to inline it
 * @param type a JSON Schema type ({@code object}, {@code array}, {@code string},
 *        {@code integer}, {@code number}, {@code boolean}), or null for any value
 * @param properties an object's known fields, in document order
 * @param required the fields an object must have
 * @param closed whether an object rejects fields it does not list
 * @param values the schema of every field of a map-like object, or null
 * @param items the schema of every array item, or null for any
 */
public record Schema(
        String name,
        String type,
        boolean nullable,
        String description,
        Map<String, Schema> properties,
        List<String> required,
        boolean closed,
        Schema values,
        Schema items,
        List<String> enumValues,
        Integer minLength,
        Integer maxLength,
        Integer minItems,
        Integer maxItems,
        Long minimum,
        Long maximum,
        String format,
        String mediaType) {

    public Schema {
        properties = properties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        required = required == null ? List.of() : List.copyOf(required);
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    private static Schema of(String type) {
        return new Schema(null, type, false, null, null, null, false, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** Any JSON value. */
    public static Schema any() {
        return of(null);
    }

    public static Schema string() {
        return of("string");
    }

    /** A string of at most {@code max} characters. */
    public static Schema string(int max) {
        return string().withLength(null, max);
    }

    /** A non-empty string of at most {@code max} characters. */
    public static Schema text(int max) {
        return string().withLength(1, max);
    }

    public static Schema integer() {
        return of("integer");
    }

    public static Schema integer(long min, long max) {
        return new Schema(null, "integer", false, null, null, null, false, null, null, null,
                null, null, null, null, min, max, null, null);
    }

    public static Schema bool() {
        return of("boolean");
    }

    /** An RFC 3339 time, as the API writes and reads them. */
    public static Schema dateTime() {
        return string().withFormat("date-time");
    }

    public static Schema oneOf(List<String> values) {
        return string().withEnum(values);
    }

    public static Schema array(Schema items) {
        return of("array").withItems(Objects.requireNonNull(items, "items"));
    }

    /** An object that accepts only the fields it lists: what every request body is. */
    public static Schema object() {
        return new Schema(null, "object", false, null, null, null, true, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** An object whose fields are not fixed, e.g. metadata or a workflow's payload. */
    public static Schema openObject() {
        return of("object");
    }

    /** An object of names to values of one schema, e.g. headers. */
    public static Schema mapOf(Schema values) {
        return new Schema(null, "object", false, null, null, null, false, values, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** A body that is not JSON, e.g. a raw message; {@code mediaType} is what it is sent as. */
    public static Schema binary(String mediaType) {
        return new Schema(null, "string", false, null, null, null, false, null, null, null,
                null, null, null, null, null, null, null, mediaType);
    }

    /** The list body: {@code {data: [...], next_cursor}}. */
    public static Schema page(Schema item) {
        return object()
                .with("data", array(item))
                .with("next_cursor", string().orNull()
                        .describedAs("Pass as ?cursor= for the next page; null on the last"))
                .require("data", "next_cursor");
    }

    public Schema with(String field, Schema schema) {
        Map<String, Schema> more = new LinkedHashMap<>(properties);
        more.put(field, Objects.requireNonNull(schema, field));
        return new Schema(name, type, nullable, description, more, required, closed, values,
                items, enumValues, minLength, maxLength, minItems, maxItems, minimum, maximum,
                format, mediaType);
    }

    public Schema require(String... fields) {
        List<String> all = new java.util.ArrayList<>(required);
        all.addAll(List.of(fields));
        return new Schema(name, type, nullable, description, properties, all, closed, values,
                items, enumValues, minLength, maxLength, minItems, maxItems, minimum, maximum,
                format, mediaType);
    }

    /** The same object without the listed fields, e.g. a create body minus its id for PATCH. */
    public Schema without(String... fields) {
        Map<String, Schema> fewer = new LinkedHashMap<>(properties);
        List<String> stillRequired = new java.util.ArrayList<>(required);
        for (String field : fields) {
            fewer.remove(field);
            stillRequired.remove(field);
        }
        return new Schema(name, type, nullable, description, fewer, stillRequired, closed,
                values, items, enumValues, minLength, maxLength, minItems, maxItems, minimum,
                maximum, format, mediaType);
    }

    /** The same object with nothing required: the body of a PATCH. */
    public Schema optional() {
        return new Schema(name, type, nullable, description, properties, List.of(), closed,
                values, items, enumValues, minLength, maxLength, minItems, maxItems, minimum,
                maximum, format, mediaType);
    }

    public Schema orNull() {
        return nullableAs(true);
    }

    public Schema nullableAs(boolean isNullable) {
        return new Schema(name, type, isNullable, description, properties, required, closed, values,
                items, enumValues, minLength, maxLength, minItems, maxItems, minimum, maximum,
                format, mediaType);
    }

    public Schema describedAs(String text) {
        return new Schema(name, type, nullable, text, properties, required, closed, values,
                items, enumValues, minLength, maxLength, minItems, maxItems, minimum, maximum,
                format, mediaType);
    }

    /** Names the schema, so that the OpenAPI document shows it once under components. */
    public Schema named(String componentName) {
        return new Schema(componentName, type, nullable, description, properties, required,
                closed, values, items, enumValues, minLength, maxLength, minItems, maxItems,
                minimum, maximum, format, mediaType);
    }

    public Schema withItemCount(Integer min, Integer max) {
        return new Schema(name, type, nullable, description, properties, required, closed,
                values, items, enumValues, minLength, maxLength, min, max, minimum, maximum,
                format, mediaType);
    }

    private Schema withLength(Integer min, Integer max) {
        return new Schema(name, type, nullable, description, properties, required, closed,
                values, items, enumValues, min, max, minItems, maxItems, minimum, maximum,
                format, mediaType);
    }

    private Schema withFormat(String newFormat) {
        return new Schema(name, type, nullable, description, properties, required, closed,
                values, items, enumValues, minLength, maxLength, minItems, maxItems, minimum,
                maximum, newFormat, mediaType);
    }

    private Schema withEnum(List<String> newEnum) {
        return new Schema(name, type, nullable, description, properties, required, closed,
                values, items, newEnum, minLength, maxLength, minItems, maxItems, minimum,
                maximum, format, mediaType);
    }

    private Schema withItems(Schema newItems) {
        return new Schema(name, type, nullable, description, properties, required, closed,
                values, newItems, enumValues, minLength, maxLength, minItems, maxItems, minimum,
                maximum, format, mediaType);
    }

    public boolean isBinary() {
        return mediaType != null;
    }
}
