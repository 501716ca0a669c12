package dev.actionbox.cli;

import dev.actionbox.server.ActionboxServer;
import dev.actionbox.server.ServerConfig;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code actionbox serve}: runs a node until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the API, the SMTP listener and the workers.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ServeOptions options = new ServeOptions();

    @Override
    public Integer call() throws Exception {
        ServerConfig config = options.toConfig(System.getenv(), "127.0.0.1:8080",
                "127.0.0.1:2525");
        Files.createDirectories(config.dataDir());
        ActionboxServer server = ActionboxServer.start(config);
        printAddresses(server);
        runUntilStopped(server);
        return 0;
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then stops the node. */
    static void runUntilStopped(ActionboxServer server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "actionbox-shutdown"));
        stopped.await();
    }

    static void printAddresses(ActionboxServer server) {
        System.out.println("Actionbox is running.");
        System.out.println("  API:  " + server.httpUrl() + "/v1/");
        System.out.println("  SMTP: 127.0.0.1:" + server.smtpPort());
        for (Map<String, Object> inbox : server.inboxes()) {
            System.out.println("  Inbox: " + inbox.get("address") + " (" + inbox.get("id") + ")");
        }
        System.out.flush();
    }
}
