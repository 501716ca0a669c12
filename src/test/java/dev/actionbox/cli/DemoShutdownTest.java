package dev.actionbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo as a user stops it: a real process that gets SIGTERM while it keeps running. */
class DemoShutdownTest {

    private static final String FOLDER_LINE = "Actionbox demo, data folder: ";

    @Test
    void demo_stoppedWithSigterm_removesItsTemporaryFolder() throws Exception {
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--http", "127.0.0.1:0", "--smtp", "127.0.0.1:0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path folder = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(
                    demo.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(FOLDER_LINE)) {
                    folder = Path.of(line.substring(FOLDER_LINE.length()).split(" \\(")[0]);
                }
                if (line.contains("press Ctrl-C to stop it")) {
                    break;
                }
            }
            assertThat(folder).as("the demo printed its data folder").isNotNull();
            assertThat(folder).isDirectory();

            demo.destroy();

            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(folder).doesNotExist();
        } finally {
            demo.destroyForcibly();
            if (folder != null && Files.exists(folder)) {
                removeLeftovers(folder);
            }
        }
    }

    private static void removeLeftovers(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            List<Path> deepestFirst = files.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }
}
