package dev.actionbox.store;

import java.util.Map;

/** Reading typed values out of rows mapped by Jdbi's {@code mapToMap}, on either dialect. */
public final class Rows {

    private Rows() {
    }

    public static String str(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    public static Long lng(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    public static boolean bool(Map<String, Object> row, String column) {
        Object value = row.get(column);
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && ((Number) value).intValue() != 0;
    }

    public static String time(Map<String, Object> row, String column) {
        return Times.format(lng(row, column));
    }
}
