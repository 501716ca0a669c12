import dev.actionbox.intake.SmtpSender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end scenarios for several Actionbox nodes on one PostgreSQL database. Each node is a
 * real {@code actionbox serve} process; mail goes in over SMTP the way an MTA with two MX
 * targets sends it (a refused connection fails over to the other node, a 451 is retried a
 * moment later); the checks read the database and the API.
 *
 * <p>Scenarios: {@code throughput} (all messages as fast as the senders go), {@code kill}
 * (the same, with the last node killed with SIGKILL halfway), {@code outage} (a steady rate
 * of mail while the database is stopped and started again by the given commands).
 *
 * <p>Run from the repository root with the jar on the class path, e.g.
 * {@code java -cp target/actionbox.jar bench/multinode/MultiNodeBench.java --scenario kill};
 * {@code bench/multinode/run.sh} does it against a throwaway PostgreSQL instance.
 */
public final class MultiNodeBench {

    private static final String WORKFLOW = """
            {"name": "Every mail is a task", "trigger": "email_received",
             "writes": [{"source": {"from": "event.payload"}, "target": {"type": "task"},
                         "contract": {"required": ["summary"]}}]}""";

    private final Options options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Path workDir;
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final AtomicInteger deferrals = new AtomicInteger();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger acceptedDuringOutage = new AtomicInteger();
    private final AtomicLong firstAcceptAfterReturn = new AtomicLong();
    private final AtomicLong firstHealthyAfterReturn = new AtomicLong();
    private volatile long outageStartedAt;
    private volatile long databaseBackAt;
    private volatile boolean sending = true;
    private final List<Node> nodes = new ArrayList<>();

    private MultiNodeBench(Options options) throws IOException {
        this.options = options;
        this.workDir = Files.createTempDirectory("actionbox-multinode-");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean passed = new MultiNodeBench(options).run();
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        String database = "actionbox_bench_" + runId;
        Db.admin(options, "CREATE DATABASE " + database);
        String url = options.baseUrl() + database;
        try {
            String token = createToken(url);
            for (int i = 0; i < options.nodes(); i++) {
                nodes.add(Node.start(options, url, workDir, i));
            }
            Api api = new Api(nodes.get(0).apiUrl(), token);
            api.post("/v1/workflows/", WORKFLOW);
            log("nodes=%d started, pids=%s, logs in %s", nodes.size(),
                    nodes.stream().map(Node::pid).toList(), workDir);

            long start = System.currentTimeMillis();
            int sent = send(start);
            long lastAccepted = acceptedAt.values().stream().mapToLong(Long::longValue)
                    .max().orElse(start);
            try (Db db = new Db(options, url)) {
                long done = awaitTasks(db);
                return report(db, api, start, lastAccepted, done, sent);
            }
        } finally {
            nodes.forEach(Node::stop);
            Db.admin(options, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private String createToken(String url) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", options.jar().toString(),
                "token", "create", "--scopes", "admin", "--db", url, "--data",
                workDir.toString())
                .redirectError(workDir.resolve("token.log").toFile());
        builder.environment().put("ACTIONBOX_DB_USER", options.user());
        Process process = builder.start();
        process.getOutputStream().close();
        String token = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || token.isEmpty()) {
            throw new IllegalStateException("token create failed; see " + workDir);
        }
        return token;
    }

    /** Sends every message; returns how many distinct messages were sent. */
    private int send(long start) throws Exception {
        BlockingQueue<Integer> work = new LinkedBlockingQueue<>();
        int total = options.scenario().equals("outage")
                ? options.rate() * options.seconds() : options.messages();
        Thread feeder = new Thread(() -> feed(work, total), "feeder");
        feeder.start();
        if (options.scenario().equals("kill")) {
            startKiller(total);
        }
        if (options.scenario().equals("outage")) {
            startOutage(start);
        }
        CountDownLatch finished = new CountDownLatch(options.senders());
        for (int s = 0; s < options.senders(); s++) {
            Thread sender = new Thread(() -> {
                try {
                    Integer n;
                    while ((n = work.poll(2, TimeUnit.SECONDS)) != null || feeder.isAlive()) {
                        if (n != null) {
                            deliver(n);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            }, "sender-" + s);
            sender.start();
        }
        finished.await();
        sending = false;
        log("sending finished after %.1f s", (System.currentTimeMillis() - start) / 1000.0);
        return total;
    }

    /** All at once, or at a steady rate for the outage scenario. */
    private void feed(BlockingQueue<Integer> work, int total) {
        long start = System.nanoTime();
        for (int n = 0; n < total; n++) {
            if (options.scenario().equals("outage")) {
                long due = start + TimeUnit.SECONDS.toNanos(1) * n / options.rate();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
            }
            work.add(n);
        }
    }

    /**
     * One message, the way an MTA delivers it: the preferred node first, the next node when a
     * connection fails, and again after a pause when the answer is 451.
     */
    private void deliver(int n) {
        String messageId = "<bench-" + n + "-" + runId + "@load.example>";
        byte[] raw = message(n, messageId);
        int preferred = n % nodes.size();
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(5);
        for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
            Node node = nodes.get((preferred + attempt) % nodes.size());
            try {
                SmtpSender.Reply reply = new SmtpSender("127.0.0.1", node.smtpPort())
                        .send(sender(n), List.of("inbox@actionbox.local"), raw);
                if (reply.accepted()) {
                    accepted(messageId);
                    return;
                }
                if (reply.code() >= 500) {
                    rejected.incrementAndGet();
                    log("rejected %s: %s", messageId, reply.text());
                    return;
                }
                deferrals.incrementAndGet();
                sleep(options.retryMillis());
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
                if (attempt % nodes.size() == nodes.size() - 1) {
                    sleep(options.retryMillis());
                }
            }
        }
        log("gave up on %s after 5 minutes", messageId);
    }

    private void accepted(String messageId) {
        long now = System.currentTimeMillis();
        acceptedAt.put(messageId, now);
        if (outageStartedAt != 0 && databaseBackAt == 0 && now > outageStartedAt + 1_000) {
            acceptedDuringOutage.incrementAndGet();
        }
        if (databaseBackAt != 0) {
            firstAcceptAfterReturn.compareAndSet(0, now);
        }
    }

    private static String sender(int n) {
        return "customer" + (n % 50) + "@clients.example";
    }

    private byte[] message(int n, String messageId) {
        String body = ("Hello, this is request " + n + ". Could you check the order and let "
                + "me know when it ships? The reference is in the subject.\r\n").repeat(8);
        return ("From: Customer " + (n % 50) + " <" + sender(n) + ">\r\n"
                + "To: inbox@actionbox.local\r\n"
                + "Subject: Order question " + n + " (" + runId + ")\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Kills the last node with SIGKILL once half the messages were accepted. */
    private void startKiller(int total) {
        Thread killer = new Thread(() -> {
            while (acceptedAt.size() < total / 2) {
                sleep(5);
            }
            Node victim = nodes.get(nodes.size() - 1);
            victim.kill9();
            log("killed node %d (pid %d) with SIGKILL after %d accepted", nodes.size() - 1,
                    victim.pid(), acceptedAt.size());
        }, "killer");
        killer.setDaemon(true);
        killer.start();
    }

    /** Stops the database at the chosen second, starts it again after the outage. */
    private void startOutage(long start) {
        Thread outage = new Thread(() -> {
            sleep(start + options.outageAt() * 1000L - System.currentTimeMillis());
            outageStartedAt = System.currentTimeMillis();
            shell(options.stopCommand());
            log("database stopped at t=%.1f s", (outageStartedAt - start) / 1000.0);
            sleep(options.outageSeconds() * 1000L);
            shell(options.startCommand());
            databaseBackAt = System.currentTimeMillis();
            log("database started again at t=%.1f s", (databaseBackAt - start) / 1000.0);
        }, "outage");
        outage.setDaemon(true);
        outage.start();
        Thread health = new Thread(this::watchHealth, "health");
        health.setDaemon(true);
        health.start();
    }

    private void watchHealth() {
        HttpClient client = HttpClient.newHttpClient();
        while (sending && firstHealthyAfterReturn.get() == 0) {
            long began = System.currentTimeMillis();
            if (databaseBackAt != 0 && began >= databaseBackAt) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create(nodes.get(0).apiUrl() + "/v1/health"))
                            .timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        firstHealthyAfterReturn.compareAndSet(0, System.currentTimeMillis());
                    }
                } catch (IOException e) {
                    log("health check failed: %s", e);
                } catch (InterruptedException e) {
                    return;
                }
            }
            sleep(50);
        }
    }

    /** Waits until every accepted message has its task and no event is left queued. */
    private long awaitTasks(Db db) throws Exception {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(240);
        int accepted = acceptedAt.size();
        while (System.currentTimeMillis() < deadline) {
            long tasks = db.count("SELECT COUNT(*) FROM tasks");
            long queued = db.count("SELECT COUNT(*) FROM events WHERE status = 'queued'");
            if (tasks >= accepted && queued == 0) {
                return db.count("SELECT MAX(created_at) FROM tasks");
            }
            sleep(250);
        }
        log("timed out waiting for tasks");
        return db.count("SELECT COALESCE(MAX(created_at), 0) FROM tasks");
    }

    private boolean report(Db db, Api api, long start, long lastAccepted, long lastTask,
            int sent) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("messages", db.count("SELECT COUNT(*) FROM messages"));
        counts.put("tasks", db.count("SELECT COUNT(*) FROM tasks"));
        counts.put("duplicate_tasks", db.count("""
                SELECT COUNT(*) FROM (SELECT source_message_id FROM tasks
                    GROUP BY source_message_id HAVING COUNT(*) > 1) d"""));
        counts.put("messages_without_task", db.count("""
                SELECT COUNT(*) FROM messages m
                WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.source_message_id = m.id)"""));
        counts.put("workflow_runs", db.count("SELECT COUNT(*) FROM workflow_runs"));
        counts.put("activity_task_created",
                db.count("SELECT COUNT(*) FROM activity WHERE type = 'task.created'"));
        counts.put("events_not_done",
                db.count("SELECT COUNT(*) FROM events WHERE status <> 'done'"));
        counts.put("events_claimed_more_than_once",
                db.count("SELECT COUNT(*) FROM events WHERE attempts > 1"));
        Set<String> stored = db.strings("SELECT message_id_header FROM messages");
        long missing = acceptedAt.keySet().stream()
                .filter(id -> !stored.contains(id) && !stored.contains(id.replaceAll("[<>]", "")))
                .count();
        long feed = api.countActivity("task.created");

        int accepted = acceptedAt.size();
        double acceptSeconds = (lastAccepted - start) / 1000.0;
        double endToEndSeconds = (lastTask - start) / 1000.0;
        System.out.printf("%nscenario=%s nodes=%d senders=%d poolSize=%s%n", options.scenario(),
                options.nodes(), options.senders(), options.poolSize());
        System.out.printf("sent=%d accepted_250=%d deferred_451=%d connection_failures=%d "
                + "rejected_5xx=%d%n", sent, accepted, deferrals.get(),
                connectionFailures.get(), rejected.get());
        counts.forEach((name, value) -> System.out.printf("%s=%d%n", name, value));
        System.out.printf("accepted_but_missing=%d activity_feed_task_created=%d%n", missing,
                feed);
        System.out.printf("smtp_accept_rate=%.1f msg/s over %.1f s%n", accepted / acceptSeconds,
                acceptSeconds);
        System.out.printf("end_to_end=%.1f msg/s (first send to last task committed: %.1f s)%n",
                accepted / endToEndSeconds, endToEndSeconds);
        boolean recovered = true;
        if (options.scenario().equals("outage")) {
            recovered = reportOutage();
        }

        boolean passed = missing == 0 && counts.get("duplicate_tasks") == 0
                && counts.get("messages") == accepted && counts.get("tasks") == accepted
                && counts.get("messages_without_task") == 0 && feed == accepted
                && counts.get("activity_task_created") == accepted && recovered
                && accepted == sent;
        System.out.println("RESULT: " + (passed ? "PASS" : "FAIL"));
        return passed;
    }

    private boolean reportOutage() {
        long acceptMs = firstAcceptAfterReturn.get() - databaseBackAt;
        long healthMs = firstHealthyAfterReturn.get() - databaseBackAt;
        System.out.printf("outage=%d s accepted_250_during_outage=%d%n", options.outageSeconds(),
                acceptedDuringOutage.get());
        System.out.printf("recovery: first 250 %d ms after the database was back; first "
                + "/v1/health asked after it was back answered 200 at %d ms%n", acceptMs,
                healthMs);
        return firstAcceptAfterReturn.get() != 0 && acceptMs <= 5_000
                && acceptedDuringOutage.get() == 0 && deferrals.get() > 0;
    }

    private void shell(String command) {
        try {
            Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
            if (process.waitFor() != 0) {
                log("command failed: %s", command);
            }
        } catch (IOException e) {
            log("command failed: %s: %s", command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}

/** The command line. */
record Options(String scenario, int nodes, int messages, int senders, String adminUrl,
        String user, Path jar, String poolSize, int rate, int seconds, int outageAt,
        int outageSeconds, String stopCommand, String startCommand, long retryMillis) {

    static Options parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String scenario = given.getOrDefault("scenario", "throughput");
        if (!List.of("throughput", "kill", "outage").contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be throughput, kill or outage");
        }
        return new Options(scenario,
                Integer.parseInt(given.getOrDefault("nodes", scenario.equals("outage") ? "1"
                        : "2")),
                Integer.parseInt(given.getOrDefault("messages", "2000")),
                Integer.parseInt(given.getOrDefault("senders", "16")),
                given.getOrDefault("admin-url", "jdbc:postgresql://127.0.0.1:55432/postgres"),
                given.getOrDefault("user", "postgres"),
                Path.of(given.getOrDefault("jar", "target/actionbox.jar")),
                given.getOrDefault("pool-size", "default"),
                Integer.parseInt(given.getOrDefault("rate", "40")),
                Integer.parseInt(given.getOrDefault("seconds", "60")),
                Integer.parseInt(given.getOrDefault("outage-at", "10")),
                Integer.parseInt(given.getOrDefault("outage-seconds", "30")),
                given.getOrDefault("stop", ""),
                given.getOrDefault("start", ""),
                Long.parseLong(given.getOrDefault("retry-ms", "1000")));
    }

    /** The admin URL without its database name. */
    String baseUrl() {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1);
    }
}

/** One {@code actionbox serve} process. */
record Node(Process process, long pid, int smtpPort, String apiUrl) {

    private static final Pattern API = Pattern.compile("API:\\s+(http://\\S+?)/v1/");
    private static final Pattern SMTP = Pattern.compile("SMTP:\\s+[0-9.]+:(\\d+)");

    static Node start(Options options, String url, Path workDir, int index) throws IOException {
        Path data = Files.createDirectories(workDir.resolve("node-" + index));
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar",
                options.jar().toString(), "serve", "--db", url, "--data", data.toString(),
                "--http", "127.0.0.1:0", "--smtp", "127.0.0.1:0")
                .redirectError(workDir.resolve("node-" + index + ".log").toFile());
        builder.environment().put("ACTIONBOX_DB_USER", options.user());
        builder.environment().put("ACTIONBOX_HTTP_LOG_LEVEL", "WARN");
        if (!options.poolSize().equals("default")) {
            builder.environment().put("ACTIONBOX_DB_POOL_SIZE", options.poolSize());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String api = null;
        Integer smtp = null;
        String line;
        while ((api == null || smtp == null) && (line = out.readLine()) != null) {
            Matcher apiMatch = API.matcher(line);
            Matcher smtpMatch = SMTP.matcher(line);
            if (apiMatch.find()) {
                api = apiMatch.group(1);
            }
            if (smtpMatch.find()) {
                smtp = Integer.parseInt(smtpMatch.group(1));
            }
        }
        if (api == null || smtp == null) {
            throw new IllegalStateException("node " + index + " did not start; see "
                    + workDir.resolve("node-" + index + ".log"));
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    continue;
                }
            } catch (IOException e) {
                return;
            }
        }, "drain-" + index);
        drain.setDaemon(true);
        drain.start();
        return new Node(process, process.pid(), smtp, api);
    }

    /** SIGKILL, as a crash or an out-of-memory kill would end it. */
    void kill9() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not kill pid " + pid, e);
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

/** Read-only checks against the benchmark's database. */
final class Db implements AutoCloseable {

    private final Connection connection;

    Db(Options options, String url) throws SQLException {
        this.connection = DriverManager.getConnection(url, options.user(), null);
    }

    static void admin(Options options, String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.adminUrl(), options.user(),
                null); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Set<String> strings(String sql) throws SQLException {
        Set<String> values = ConcurrentHashMap.newKeySet();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

/** The few API calls the scenarios make. */
final class Api {

    private static final Pattern CURSOR = Pattern.compile("\"cursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT = Pattern.compile("\"type\"\\s*:\\s*\"task\\.created\"");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Counts the feed's entries of one type, page by page, as an agent would read them. */
    long countActivity(String type) throws IOException, InterruptedException {
        long count = 0;
        String cursor = null;
        do {
            String path = "/v1/activity/?type=" + type + "&limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            String body = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher events = EVENT.matcher(body);
            while (events.find()) {
                count++;
            }
            Matcher next = CURSOR.matcher(body);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return count;
    }
}
