package dev.actionbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.actionbox.intake.SmtpSender;
import dev.actionbox.server.ActionboxServer;
import dev.actionbox.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actionbox demo}: a fresh install that shows the main job. It installs the brief's
 * label, contact, context and workflows through the API, delivers the bundled sample mails
 * through the SMTP port, and prints the tasks, webhook deliveries and drafts that resulted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a fresh install with sample mail and show the tasks it makes.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder for the demo; it must not exist yet. Default: a new "
                    + "temporary folder")
    Path data;

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "API address; default 127.0.0.1:8080, or a free port when taken")
    String http;

    @Option(names = "--smtp", paramLabel = "HOST:PORT",
            description = "SMTP address; default 127.0.0.1:2525, or a free port when taken")
    String smtp;

    @Option(names = "--exit", description = "Stop after printing the table")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        CliLogging.quietRequestLog();
        Path dataDir = freshDataDir();
        DemoCleanup cleanup = new DemoCleanup(data == null ? dataDir : null, System.err);
        // Without the hook, Ctrl-C or SIGTERM left a temporary folder behind on every run.
        Thread hook = new Thread(cleanup::close, "actionbox-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoWebhookReceiver receiver = cleanup.add(DemoWebhookReceiver.start());
            ServerConfig config = serverConfig(dataDir);
            ActionboxServer server = cleanup.add(ActionboxServer.start(config));
            out.println("Actionbox demo, data folder: " + dataDir
                    + (data == null ? " (removed when the demo stops)" : ""));

            String token = server.tokens().create(List.of("admin"), "demo", null, null).secret();
            DemoClient api = new DemoClient(server.httpUrl(), token);
            DemoSetup.install(api, receiver.url(), out);
            int sent = deliverSamples(server, out);
            awaitSettled(server, api);
            new DemoReport(api, out).print(sent);
            if (exit) {
                return 0;
            }

            printHowToExplore(server, token, out);
            cleanup.awaitClosed();
            return 0;
        } finally {
            cleanup.close();
            removeHook(hook);
        }
    }

    private ServerConfig serverConfig(Path dataDir) {
        ServeOptions options = new ServeOptions();
        options.storeOptions.data = dataDir;
        options.http = http != null ? http : freeOrAny(8080);
        options.smtp = smtp != null ? smtp : freeOrAny(2525);
        options.webhookAllow = "127.0.0.1/32";
        return options.toConfig(Map.of(), "127.0.0.1:8080", "127.0.0.1:2525");
    }

    /** After --exit the hook has nothing left to do; in a long-lived JVM it would pile up. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook is running or ran: nothing to remove.
        }
    }

    private Path freshDataDir() throws IOException {
        if (data == null) {
            return Files.createTempDirectory("actionbox-demo-");
        }
        if (Files.exists(data)) {
            throw new CliException("The demo needs a fresh data folder, but " + data
                    + " exists; pass another --data or leave it out", 2);
        }
        return Files.createDirectories(data);
    }

    /** The preferred port when it is free, else any free port, so a busy 8080 is no error. */
    private static String freeOrAny(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + preferred;
        } catch (IOException e) {
            return "127.0.0.1:0";
        }
    }

    private static int deliverSamples(ActionboxServer server, PrintStream out) throws IOException {
        SmtpSender smtp = new SmtpSender("127.0.0.1", server.smtpPort());
        String inbox = (String) server.inboxes().get(0).get("address");
        List<String> names = sampleNames();
        int accepted = 0;
        for (String name : names) {
            byte[] raw = sample(name);
            SmtpSender.Reply reply = smtp.send("sender@demo.example", List.of(inbox), raw);
            if (reply.accepted()) {
                accepted++;
            } else {
                out.println("  " + name + " was refused: " + reply.text());
            }
        }
        out.println("Delivered " + accepted + " of " + names.size()
                + " sample mails over SMTP to " + inbox + " (port " + server.smtpPort() + ")");
        return accepted;
    }

    static List<String> sampleNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(resource("index.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    static byte[] sample(String name) throws IOException {
        return resource(name);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("The jar lacks the demo sample " + name + "; rebuild it");
            }
            return in.readAllBytes();
        }
    }

    /** Waits until the workers processed every event and webhooks had their first try. */
    private static void awaitSettled(ActionboxServer server, DemoClient api)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode pending = api.get("/v1/webhooks/deliveries/?status=pending");
            boolean webhooksDone = pending.get("data").isEmpty();
            if (server.idle() && webhooksDone) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void printHowToExplore(ActionboxServer server, String token, PrintStream out) {
        String base = server.httpUrl();
        out.println();
        out.println("The server keeps running; press Ctrl-C to stop it. Try:");
        out.println("  export TOKEN=" + token);
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/v1/tasks/");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/v1/activity/");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" " + base + "/v1/messages/");
        out.println("Send your own mail to SMTP 127.0.0.1:" + server.smtpPort() + ", e.g.");
        out.println("  curl -s smtp://127.0.0.1:" + server.smtpPort()
                + " --mail-from dana@northwind.example --mail-rcpt inbox@actionbox.local "
                + "--upload-file mail.eml");
        out.flush();
    }
}
