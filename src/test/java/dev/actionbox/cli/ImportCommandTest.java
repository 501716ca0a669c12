package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.support.Http;
import dev.actionbox.support.Mails;
import dev.actionbox.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actionbox import} on a mixed folder (eml, mbox, Maildir, duplicates, a broken file),
 * into the store of a running node whose workers then make tasks from the imported mail.
 */
class ImportCommandTest {

    private static final Map<String, Object> TASK_FOR_EVERY_MAIL = Map.of(
            "name", "Task for every mail",
            "trigger", "email_received",
            "writes", List.of(Map.of("source", Map.of("from", "event.payload"),
                    "target", Map.of("type", "task"))));

    @TempDir
    Path dataDir;

    @TempDir
    Path folder;

    private TestServer node;
    private Http api;

    @BeforeEach
    void start() throws Exception {
        node = TestServer.start(dataDir);
        api = node.http(node.token("admin"));
        assertThat(api.post("/v1/workflows/", TASK_FOR_EVERY_MAIL).status()).isEqualTo(201);
        writeMixedFolder();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void import_mixedFolder_printsFailuresAndCounts_andStoresEachMessageOnce() throws Exception {
        Run run = runImport(folder.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("failed").contains("empty.eml").contains("the file is empty"));
        assertThat(run.lines().get(run.lines().size() - 1))
                .isEqualTo("imported: 5, duplicates: 3, failed: 1, skipped: 1");
        assertThat(subjects()).containsExactlyInAnyOrder("Order 1", "No id here",
                "Quoted From lines", "From the Maildir", "");
        node.awaitIdle();
        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(5);
        JsonNode quoted = message("Quoted From lines");
        assertThat(quoted.get("text_full").asText())
                .contains("From the start of a line.").contains(">From a quoted line.");
    }

    @Test
    void import_sameFolderTwice_makesNothingNew() throws Exception {
        runImport(folder.toString());
        node.awaitIdle();
        int messages = api.get("/v1/messages/").json().get("data").size();
        int tasks = api.get("/v1/tasks/").json().get("data").size();

        Run again = runImport(folder.toString());
        node.awaitIdle();

        assertThat(again.lines().get(again.lines().size() - 1))
                .isEqualTo("imported: 0, duplicates: 8, failed: 1, skipped: 1");
        assertThat(api.get("/v1/messages/").json().get("data")).hasSize(messages);
        assertThat(api.get("/v1/tasks/").json().get("data")).hasSize(tasks);
    }

    @Test
    void import_folderWithLinks_followsNeitherALoopNorALinkedFile(@TempDir Path outside)
            throws Exception {
        Path secret = Files.writeString(outside.resolve("elsewhere.eml"), Mails.plain(
                "<elsewhere@x.example>", "x@x.example", "inbox@actionbox.local", "Elsewhere")
                .body("Not named.").build());
        Files.createSymbolicLink(folder.resolve("up"), folder);
        Files.createSymbolicLink(folder.resolve("link.eml"), secret);

        Run run = runImport(folder.toString());

        assertThat(run.lines().get(run.lines().size() - 1))
                .isEqualTo("imported: 5, duplicates: 3, failed: 1, skipped: 3");
        assertThat(subjects()).doesNotContain("Elsewhere");
    }

    @Test
    void import_unknownInbox_isAUsageError() throws Exception {
        Run run = runImport("--inbox", "nobody@nowhere.example", folder.toString());

        assertThat(run.exitCode()).isEqualTo(2);
    }

    private void writeMixedFolder() throws Exception {
        String order = Mails.plain("<order-1@shop.example>", "ana@shop.example",
                "inbox@actionbox.local", "Order 1").body("Please ship order 1.").build();
        String noId = Mails.plain(null, "ben@shop.example", "inbox@actionbox.local",
                "No id here").body("My client writes no Message-ID.").build();
        String quoted = Mails.plain("<quoted-1@shop.example>", "cy@shop.example",
                "inbox@actionbox.local", "Quoted From lines")
                .body("From the start of a line.", ">From a quoted line.").build();
        String maildirOnly = Mails.plain("<md-1@shop.example>", "dee@shop.example",
                "inbox@actionbox.local", "From the Maildir").body("Kept in Maildir.").build();

        Files.writeString(folder.resolve("a-order.eml"), order);
        Files.writeString(folder.resolve("b-no-id.eml"), noId);
        Files.writeString(folder.resolve("broken.eml"), "\u0000\u0001 not mail at all \u00ff");
        Files.writeString(folder.resolve("empty.eml"), "");
        Files.writeString(folder.resolve("notes.txt"), "Shopping list, not mail.");
        Files.writeString(folder.resolve("archive.mbox"), mboxrd(order, quoted, noId));
        Path maildir = folder.resolve("Maildir");
        for (String part : List.of("cur", "new", "tmp")) {
            Files.createDirectories(maildir.resolve(part));
        }
        Files.writeString(maildir.resolve("new/1741167000.M1P1.host"), maildirOnly);
        Files.writeString(maildir.resolve("cur/1741167001.M2P2.host:2,S"), quoted);
        Files.writeString(maildir.resolve("tmp/1741167002.M3P3.host"), "half written");
    }

    /** An mboxrd file (LF line ends) with the From lines of the bodies quoted. */
    private static String mboxrd(String... mails) {
        StringBuilder out = new StringBuilder();
        for (String mail : mails) {
            out.append("From sender@shop.example Thu Mar  5 09:30:00 2026\n");
            for (String line : mail.split("\r\n", -1)) {
                out.append(line.matches(">*From .*") ? ">" + line : line).append('\n');
            }
        }
        return out.toString();
    }

    private List<String> subjects() {
        return api.get("/v1/messages/").json().get("data").findValuesAsText("subject");
    }

    private JsonNode message(String subject) {
        for (JsonNode summary : api.get("/v1/messages/").json().get("data")) {
            if (summary.get("subject").asText().equals(subject)) {
                return api.get("/v1/messages/" + summary.get("id").asText() + "/").json();
            }
        }
        throw new AssertionError("no message with subject " + subject);
    }

    private record Run(int exitCode, List<String> lines) {
    }

    private Run runImport(String... paths) {
        List<String> args = new ArrayList<>(List.of("import"));
        String url = node.storeConfig().jdbcUrl();
        if (url.startsWith("jdbc:sqlite:")) {
            args.addAll(List.of("--data", dataDir.toString()));
        } else {
            args.addAll(List.of("--db", url + "?user=" + node.storeConfig().user()));
        }
        args.addAll(List.of(paths));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args.toArray(String[]::new));
            return new Run(code, captured.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(original);
        }
    }
}
