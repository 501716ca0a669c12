package dev.actionbox.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stops what the demo started and removes its temporary data folder, once, whichever comes
 * first: the end of {@code --exit}, a failure, or Ctrl-C / SIGTERM through a shutdown hook.
 * The services stop before the folder goes, so no one writes into a folder being deleted.
 */
final class DemoCleanup implements AutoCloseable {

    private final Path temporaryFolder;
    private final PrintStream err;
    private final Deque<AutoCloseable> services = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean closing;

    /** @param temporaryFolder the folder to remove, or null to keep the data */
    DemoCleanup(Path temporaryFolder, PrintStream err) {
        this.temporaryFolder = temporaryFolder;
        this.err = err;
    }

    /** Registers a service to stop; the last one added stops first. */
    synchronized <T extends AutoCloseable> T add(T service) {
        services.push(service);
        return service;
    }

    /** Blocks until the cleanup ran, for a demo that runs until it is stopped. */
    void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Runs the cleanup the first time; later calls wait for it and do nothing, so the shutdown
     * hook and the end of {@code --exit} cannot stop a service twice or race on the folder.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;

        while (!services.isEmpty()) {
            stop(services.pop());
        }

        if (temporaryFolder != null) {
            removeFolder();
        }
        closed.countDown();
    }

    private void stop(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            // The folder must still go; a service that failed to stop is reported, not fatal.
            err.println("actionbox: stopping the demo's " + service.getClass().getSimpleName()
                    + " failed: " + e.getMessage());
        }
    }

    private void removeFolder() {
        try (var files = Files.walk(temporaryFolder)) {
            List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("actionbox: could not remove the demo folder " + temporaryFolder + " ("
                    + e.getMessage() + "); delete it by hand");
        }
    }
}
