package dev.actionbox.cli;

import dev.actionbox.inbox.InboxService;
import dev.actionbox.intake.IntakeService;
import dev.actionbox.intake.MailImporter;
import dev.actionbox.intake.MboxFormat;
import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.server.ServerConfig;
import dev.actionbox.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code actionbox import PATH...}: .eml files, mbox files and Maildir folders through the
 * same pipeline as SMTP. Workflows run on the imported mail when a node works the queue.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import .eml files, mbox files (mboxrd or mboxo) and Maildir folders.",
                "Folders are searched for mail files. Prints each failure with its reason and "
                        + "a count line; exits 1 when a message failed."})
final class ImportCommand implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--inbox", paramLabel = "ADDRESS",
            description = "Inbox to import into; default the first inbox")
    String inbox;

    @Option(names = "--mbox-format", paramLabel = "FORMAT", defaultValue = "mboxrd",
            description = "How mbox files quote From lines: mboxrd (default) or mboxo")
    String mboxFormat;

    @Option(names = "--verbose", description = "Print every message, not only failures")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MboxFormat format = mboxFormat();
        Path dataDir = storeOptions.dataDir(Settings.load(System.getenv(), Path.of(".")));
        Settings settings = Settings.load(System.getenv(), dataDir);
        long maxBytes = maxMessageBytes(settings);
        createDataDir(dataDir);
        PrintWriter out = spec.commandLine().getOut();

        CliLogging.quietStoreStartup();
        try (Store store = Store.open(storeOptions.storeConfig(settings))) {
            InboxService inboxes = new InboxService(store);
            IntakeService intake = new IntakeService(store,
                    new MessageParser(ParsePolicy.defaults()), () -> { });
            MailImporter importer = new MailImporter(intake, destination(inboxes), maxBytes,
                    format);
            MailImporter.Summary summary = importer.run(paths, item -> print(out, item));
            out.println(countLine(summary));
            out.flush();
            return summary.failed() == 0 ? 0 : 1;
        }
    }

    private void print(PrintWriter out, MailImporter.Item item) {
        boolean always = item.outcome() == MailImporter.Outcome.FAILED
                || item.outcome() == MailImporter.Outcome.IGNORED
                || item.note() != null && item.outcome() == MailImporter.Outcome.IMPORTED;
        if (!always && !verbose) {
            return;
        }
        String word = item.outcome().name().toLowerCase(Locale.ROOT);
        StringBuilder line = new StringBuilder(String.format("%-10s %s", word, item.source()));
        if (item.messageId() != null) {
            line.append(' ').append(item.messageId());
        }
        if (item.note() != null) {
            String prefix = item.outcome() == MailImporter.Outcome.IMPORTED
                    ? "stored raw, it could not be parsed: " : "";
            line.append(": ").append(prefix).append(item.note());
        }
        out.println(line);
    }

    static String countLine(MailImporter.Summary summary) {
        StringBuilder line = new StringBuilder("imported: " + summary.imported()
                + ", duplicates: " + summary.duplicates() + ", failed: " + summary.failed());
        if (summary.ignored() > 0) {
            line.append(", ignored: ").append(summary.ignored());
        }
        if (summary.skipped() > 0) {
            line.append(", skipped: ").append(summary.skipped());
        }
        return line.toString();
    }

    private IntakeService.Destination destination(InboxService inboxes) {
        List<Map<String, Object>> all = inboxes.ensureDefault();
        Map<String, Object> chosen = inbox == null ? all.get(0) : all.stream()
                .filter(i -> inbox.trim().equalsIgnoreCase((String) i.get("address")))
                .findFirst()
                .orElseThrow(() -> new CliException("No inbox has the address " + inbox
                        + "; create it with POST /v1/inboxes/ or leave out --inbox", 2));
        return new IntakeService.Destination((String) chosen.get("id"),
                (String) chosen.get("address"));
    }

    private MboxFormat mboxFormat() {
        try {
            return MboxFormat.valueOf(mboxFormat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("--mbox-format must be mboxrd or mboxo, was '" + mboxFormat
                    + "'", 2);
        }
    }

    private static long maxMessageBytes(Settings settings) {
        String value = settings.get("ACTIONBOX_MAX_MESSAGE_BYTES",
                String.valueOf(ServerConfig.DEFAULT_MAX_MESSAGE_BYTES));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new CliException("ACTIONBOX_MAX_MESSAGE_BYTES must be a number of bytes, was '"
                    + value + "'", 2);
        }
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new CliException("Cannot create the data folder " + dataDir + ": "
                    + e.getMessage());
        }
    }
}
