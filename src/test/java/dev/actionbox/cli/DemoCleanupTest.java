package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCleanupTest {

    @TempDir
    Path temp;

    private final List<String> events = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void close_stopsServicesLastAddedFirstWhileTheFolderStillExistsThenRemovesIt()
            throws Exception {
        Path folder = demoFolder();
        DemoCleanup cleanup = cleanup(folder);
        cleanup.add(service("receiver", folder));
        cleanup.add(service("server", folder));

        cleanup.close();

        assertThat(events).containsExactly("server stopped, folder present",
                "receiver stopped, folder present");
        assertThat(folder).doesNotExist();
    }

    @Test
    void close_calledAgain_doesNothingAndDoesNotFail() throws Exception {
        Path folder = demoFolder();
        DemoCleanup cleanup = cleanup(folder);
        cleanup.add(service("server", folder));

        cleanup.close();
        cleanup.close();

        assertThat(events).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void close_serviceFailsToStop_folderIsStillRemovedAndTheFailureReported() throws Exception {
        Path folder = demoFolder();
        DemoCleanup cleanup = cleanup(folder);
        cleanup.add(() -> {
            throw new IllegalStateException("port stuck");
        });

        cleanup.close();

        assertThat(folder).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("port stuck");
    }

    @Test
    void close_noTemporaryFolder_keepsTheUsersData() throws Exception {
        Path folder = demoFolder();

        cleanup(null).close();

        assertThat(folder.resolve("actionbox.db")).exists();
    }

    @Test
    void awaitClosed_returnsOnceAnotherThreadRanTheCleanup() throws Exception {
        DemoCleanup cleanup = cleanup(demoFolder());
        Thread hook = new Thread(cleanup::close);

        hook.start();
        cleanup.awaitClosed();

        hook.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(hook.isAlive()).isFalse();
    }

    private DemoCleanup cleanup(Path folder) {
        return new DemoCleanup(folder, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private AutoCloseable service(String name, Path folder) {
        return () -> events.add(name + " stopped, folder "
                + (Files.exists(folder) ? "present" : "gone"));
    }

    private Path demoFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("actionbox-demo-1"));
        Files.writeString(folder.resolve("actionbox.db"), "data");
        Files.createDirectories(folder.resolve("raw/ab"));
        Files.writeString(folder.resolve("raw/ab/message.eml"), "mail");
        return folder;
    }
}
