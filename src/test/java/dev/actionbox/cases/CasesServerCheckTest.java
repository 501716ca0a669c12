package dev.actionbox.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.api.Json;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.support.Http;
import dev.actionbox.support.StoreOutage;
import dev.actionbox.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the shared fault cases (shared/cases beside the project; another folder with
 * {@code -Dactionbox.cases.dir=...}) through a real node and checks their server-level keys:
 * threading, intake idempotency, no answer to machine mail, reopening, reply headers, fault
 * injection and loops. Parse-level keys belong to the parser's own check. The files are read
 * at run time only; without them the check is skipped and says so.
 */
class CasesServerCheckTest {

    /** Keys this check evaluates; a case with none of them is not counted. */
    static final List<String> SERVER_KEYS = List.of("thread_with", "creates_ticket",
            "creates_article", "tickets_created", "deliver_times", "send_auto_ack",
            "auto_acks_sent", "send_notification", "webhooks_fired", "reopen_ticket",
            "draft_reply", "scenario", "ignored", "is_bounce", "is_auto_reply",
            "attach_to_ticket_of_message_id");

    @TempDir
    Path work;

    @Test
    void sharedCases_serverLevelKeys_allHold() throws Exception {
        Path dir = casesDir();
        Assumptions.assumeTrue(Files.isDirectory(dir), "Cases folder " + dir.toAbsolutePath()
                + " is absent; the server-level case check is skipped");

        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (Path expectedFile : expectedFiles(dir)) {
            JsonNode expected = Json.MAPPER.readTree(expectedFile.toFile());
            if (SERVER_KEYS.stream().noneMatch(expected::has)) {
                continue;
            }
            String name = expectedFile.getFileName().toString().replace(".expected.json", "");
            List<String> problems = run(dir, name, expected);
            System.out.println("cases-server " + name + ": "
                    + (problems.isEmpty() ? "pass" : "FAIL " + problems));
            if (problems.isEmpty()) {
                passed++;
            } else {
                failures.add(name + " " + problems);
            }
        }
        System.out.println("cases-server: " + passed + " passed, " + failures.size()
                + " failed");

        assertThat(failures).isEmpty();
    }

    private List<String> run(Path dir, String name, JsonNode expected) throws Exception {
        Path caseDir = Files.createDirectories(work.resolve(name));
        try (TestServer node = TestServer.start(caseDir);
                WebhookReceiver receiver = WebhookReceiver.start()) {
            Http api = node.http(node.token("admin"));
            CaseRun run = new CaseRun(node, api, receiver, expected);
            run.prepare(dir, name);
            byte[] raw = Files.readAllBytes(dir.resolve(name + ".eml"));
            if (expected.has("scenario")) {
                run.deliverDuringOutage(raw, StoreOutage.begin(node.storeConfig()));
            }
            int times = expected.path("deliver_times").asInt(1);
            for (int i = 0; i < times; i++) {
                run.deliver(raw);
            }
            return run.check();
        }
    }

    private static Path casesDir() {
        String configured = System.getProperty("actionbox.cases.dir");
        return configured != null ? Path.of(configured) : Path.of("..", "shared", "cases");
    }

    private static List<Path> expectedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".expected.json"))
                    .sorted().toList();
        }
    }

    static String text(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    static SmtpSender.Reply send(TestServer node, String inbox, String envelope, byte[] raw)
            throws IOException {
        return new SmtpSender("127.0.0.1", node.server().smtpPort())
                .send(envelope, List.of(inbox), raw);
    }
}
