package dev.actionbox.cli;

import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import dev.actionbox.store.StoreCopy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actionbox migrate-store}: moves a SQLite install to PostgreSQL. Stop the node first;
 * the copy holds the SQLite file's write lock while it reads.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = "Copy a SQLite install into another database (PostgreSQL), ids "
                + "unchanged, and verify it by counting each table on both sides.")
final class MigrateStoreCommand implements Callable<Integer> {

    private static final String ROW = "%-22s %10s %10s%n";

    @Option(names = "--from", required = true, paramLabel = "DATA_DIR",
            description = "Data folder of the SQLite install to copy")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "JDBC_URL",
            description = "The target, e.g. jdbc:postgresql://127.0.0.1:5432/actionbox; "
                    + "user and password from ACTIONBOX_DB_USER and ACTIONBOX_DB_PASSWORD")
    String to;

    @Option(names = "--replace",
            description = "Empty the target's tables first instead of refusing a target "
                    + "that holds data")
    boolean replace;

    @Override
    public Integer call() {
        Path file = from.resolve(StoreConfig.SQLITE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CliException("No SQLite store at " + file.toAbsolutePath()
                    + "; pass the data folder of the install with --from", 2);
        }
        Settings settings = Settings.load(System.getenv(), from);
        StoreConfig target = StoreConfig.postgres(to.trim(),
                settings.get("ACTIONBOX_DB_USER", "db_user", null),
                settings.get("ACTIONBOX_DB_PASSWORD", "db_password", null));
        PrintStream out = System.out;
        StoreCopy.Result result;
        try (Store source = Store.open(StoreConfig.sqlite(from));
                Store destination = Store.open(target)) {
            out.println("Copying " + source.config().describe() + " to " + target.describe());
            result = new StoreCopy(source, destination).copy(replace, copied -> out.printf(
                    "  copied %-22s %10d rows%n", copied.table(), copied.source()));
        } catch (StoreCopy.TargetNotEmptyException e) {
            throw new CliException(e.getMessage(), 2);
        }
        report(out, result);
        if (!result.verified()) {
            throw new CliException("Counts differ between source and target (see above); "
                    + "the target may have been written to during the copy. Stop every node "
                    + "and run again with --replace");
        }
        return 0;
    }

    private static void report(PrintStream out, StoreCopy.Result result) {
        out.println();
        out.printf(ROW, "table", "source", "target");
        for (StoreCopy.TableCount count : result.tables()) {
            out.printf(ROW, count.table(), count.source(), count.target()
                    + (count.matches() ? "" : " MISMATCH"));
        }
        out.printf("Copied %d rows in %d tables; %s%n", result.rows(), result.tables().size(),
                result.verified() ? "every count matches." : "counts differ.");
    }
}
