package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.support.Http;
import dev.actionbox.support.TestServer;
import dev.actionbox.support.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actionbox migrate-store} from a real SQLite install into a fresh PostgreSQL database,
 * and a node serving the copy. Needs PostgreSQL, so it runs with the postgres profile.
 */
class MigrateStoreCommandTest {

    private static final String TASK_WORKFLOW = """
            {"name": "Every mail is a task", "trigger": "email_received",
             "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"}}]}""";
    private static final List<String> TABLES = List.of("inboxes", "tokens", "contacts",
            "threads", "messages", "message_raw", "workflows", "events", "workflow_runs",
            "tasks", "task_messages", "labels", "activity");

    @TempDir
    Path sqliteDir;
    @TempDir
    Path pgDir;

    private StoreConfig target;
    private String token;

    @BeforeEach
    void makeSqliteInstall() throws Exception {
        assumeTrue(TestStores.postgres(), "needs PostgreSQL: run with -Ppostgres");
        target = TestStores.fresh(pgDir);
        try (TestServer node = TestServer.startOn(sqliteDir, StoreConfig.sqlite(sqliteDir))) {
            token = node.token("admin");
            Http api = node.http(token);
            assertThat(api.post("/v1/workflows/", TASK_WORKFLOW).status()).isEqualTo(201);
            assertThat(api.post("/v1/labels/", Map.of("name", "Billing")).status())
                    .isEqualTo(201);
            for (int i = 0; i < 3; i++) {
                node.sendMail("fay@customers.example", "From: fay@customers.example\r\n"
                        + "To: " + node.inboxAddress() + "\r\n"
                        + "Subject: Invoice " + i + "\r\n"
                        + "Message-ID: <invoice-" + i + "@customers.example>\r\n\r\n"
                        + "Invoice " + i + " is attached.\r\n");
            }
            TestServer.await(() -> node.server().idle(), java.time.Duration.ofSeconds(10),
                    "the tasks");
        }
    }

    @AfterEach
    void dropTarget() {
        if (target != null) {
            TestStores.drop(target);
        }
    }

    @Test
    void migrateStore_sqliteInstallToFreshPostgres_sameRowsSameIdsAndTokensStillWork()
            throws Exception {
        Run run = migrate();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("every count matches");
        try (Store from = Store.open(StoreConfig.sqlite(sqliteDir));
                Store to = Store.open(target)) {
            for (String table : TABLES) {
                assertThat(ids(to, table)).as(table).isEqualTo(ids(from, table));
            }
            assertThat(ids(to, "tasks")).hasSize(3);
        }
        try (TestServer node = TestServer.startOn(pgDir, target)) {
            JsonNode tasks = node.http(token).get("/v1/tasks/").json().get("data");
            assertThat(tasks).hasSize(3);
            assertThat(tasks.get(0).get("summary").asText()).startsWith("Invoice");
        }
    }

    @Test
    void migrateStore_targetHoldsData_refusedUnlessReplace() throws Exception {
        assertThat(migrate().exitCode()).isZero();

        Run refused = migrate();
        Run replaced = migrate("--replace");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("already holds data", "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("every count matches");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run migrate(String... extra) {
        String url = target.jdbcUrl() + "?user=" + target.user();
        List<String> args = new ArrayList<>(List.of("migrate-store", "--from=" + sqliteDir,
                "--to=" + url));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args.toArray(String[]::new));
            return new Run(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static List<String> ids(Store store, String table) {
        String key = switch (table) {
            case "message_raw" -> "message_id";
            case "workflow_runs" -> "event_id";
            case "task_messages" -> "message_id";
            default -> "id";
        };
        return store.read(h -> h.createQuery("SELECT " + key + " FROM " + table + " ORDER BY "
                + key).mapTo(String.class).list());
    }
}
