package dev.actionbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The demo's tables: tasks, webhook deliveries and drafts, read back through the API. */
final class DemoReport {

    private final DemoClient api;
    private final PrintStream out;

    DemoReport(DemoClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    void print(int delivered) {
        JsonNode messages = api.get("/v1/messages/?limit=200").get("data");
        JsonNode tasks = api.get("/v1/tasks/?limit=200").get("data");
        out.println();
        out.println(messages.size() + " messages stored from " + delivered
                + " deliveries (a repeated Message-ID is stored once); " + tasks.size()
                + " tasks made:");
        out.println();
        printTasks(tasks);
        printWebhooks(api.get("/v1/webhooks/deliveries/?limit=200").get("data"));
        printDrafts(api.get("/v1/drafts/?limit=200").get("data"));
        printSkipped(messages, tasks);
        out.flush();
    }

    private void printTasks(JsonNode tasks) {
        Table table = new Table("TASK", "STATUS", "PRIORITY", "FROM", "SUMMARY", "LABELS", "MSGS");
        for (JsonNode task : reversed(tasks)) {
            table.row(task.get("id").asText(), task.get("status").asText(),
                    task.get("priority").asText(), text(task.get("requester")),
                    task.get("summary").asText(), join(task.get("labels")),
                    String.valueOf(task.get("message_ids").size()));
        }
        table.print(out);
    }

    private void printWebhooks(JsonNode deliveries) {
        out.println();
        out.println("Webhook deliveries (" + deliveries.size() + "):");
        Table table = new Table("DELIVERY", "STATUS", "ATTEMPTS", "EVENT TYPE", "URL");
        for (JsonNode delivery : reversed(deliveries)) {
            table.row(delivery.get("id").asText(), delivery.get("status").asText(),
                    delivery.get("attempts").asText(), delivery.get("event_type").asText(),
                    delivery.get("url").asText());
        }
        table.print(out);
    }

    private void printDrafts(JsonNode drafts) {
        out.println();
        out.println("Reply drafts held for review (" + drafts.size() + "):");
        Table table = new Table("DRAFT", "TO", "SUBJECT");
        for (JsonNode draft : reversed(drafts)) {
            JsonNode to = draft.get("to");
            table.row(draft.get("id").asText(),
                    to.isEmpty() ? "" : to.get(0).get("address").asText(),
                    draft.get("subject").asText());
        }
        table.print(out);
    }

    /** Messages that made no task, with the reason the headers gave. */
    private void printSkipped(JsonNode messages, JsonNode tasks) {
        List<String> taskMessages = new ArrayList<>();
        tasks.forEach(t -> t.get("message_ids").forEach(m -> taskMessages.add(m.asText())));
        out.println();
        out.println("Messages that made no task:");
        Table table = new Table("MESSAGE", "FROM", "SUBJECT", "WHY");
        for (JsonNode message : reversed(messages)) {
            if (taskMessages.contains(message.get("id").asText())) {
                continue;
            }
            JsonNode flags = message.get("flags");
            String why = flags.get("bounce").asBoolean() ? "bounce"
                    : flags.get("list").asBoolean() ? "list or bulk mail"
                    : flags.get("auto_submitted").asBoolean() ? "auto-reply"
                    : "no workflow matched";
            table.row(message.get("id").asText(), text(message.get("from").get("address")),
                    message.get("subject").asText(), why);
        }
        table.print(out);
    }

    private static List<JsonNode> reversed(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        java.util.Collections.reverse(items);
        return items;
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }

    /** A plain text table with columns as wide on screen as their widest cell (capped). */
    static final class Table {
        private static final int MAX_WIDTH = 48;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            String[] clipped = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                clipped[i] = TerminalWidth.clip(printable(cells[i]), MAX_WIDTH);
            }
            rows.add(clipped);
        }

        /**
         * Cells come from mail that strangers sent: an escape sequence in a subject would
         * drive the operator's terminal (retitle it, hide lines), and a bidirectional override
         * would show text in another order than it has. Such characters print as U+FFFD.
         */
        static String printable(String cell) {
            StringBuilder out = new StringBuilder(cell.length());
            cell.replaceAll("\\s+", " ").codePoints().forEach(c -> {
                int type = Character.getType(c);
                boolean hidden = type == Character.CONTROL || (type == Character.FORMAT
                        && c != 0x200D) || type == Character.PRIVATE_USE
                        || type == Character.UNASSIGNED;
                out.appendCodePoint(hidden ? 0xFFFD : c);
            });
            return out.toString();
        }

        void print(PrintStream out) {
            if (rows.size() == 1) {
                out.println("  (none)");
                return;
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], TerminalWidth.of(row[i]));
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < row.length - 1; i++) {
                    line.append(TerminalWidth.pad(row[i], widths[i] + 2));
                }
                line.append(row[row.length - 1]);
                out.println(line);
            }
        }
    }
}
