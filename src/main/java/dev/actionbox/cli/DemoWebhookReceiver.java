package dev.actionbox.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the outside task system of the brief's webhook example: a receiver on the
 * loopback address that answers 204, so the demo shows deliveries without leaving the machine.
 */
final class DemoWebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    private DemoWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static DemoWebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(server);
        server.createContext("/webhooks/tasks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            receiver.received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/tasks";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
