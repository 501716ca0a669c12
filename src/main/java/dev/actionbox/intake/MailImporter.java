package dev.actionbox.intake;

import dev.actionbox.message.StoredMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Imports .eml files, mbox files and Maildir folders through the same pipeline as SMTP, one
 * message at a time. Folders are walked: a Maildir's {@code new} and {@code cur} are read,
 * other folders are searched for mail files. What happened to each message is told to a
 * listener as it happens. Not thread safe.
 */
public final class MailImporter {

    /** What happened to one message. */
    public enum Outcome { IMPORTED, DUPLICATE, IGNORED, FAILED, SKIPPED }

    /**
     * One message (or file) and its outcome.
     *
     * @param source the file, with {@code #n} for the n-th message of an mbox file
     * @param messageId the stored message's id, or null
     * @param note the reason of a failure, an ignored message or a skipped file; for an
     *        imported message that could not be parsed, the parse error; else null
     */
    public record Item(String source, Outcome outcome, String messageId, String note) {
    }

    /** Counts of one import run. */
    public record Summary(int imported, int duplicates, int ignored, int failed, int skipped) {

        Summary add(Outcome outcome) {
            return new Summary(
                    imported + (outcome == Outcome.IMPORTED ? 1 : 0),
                    duplicates + (outcome == Outcome.DUPLICATE ? 1 : 0),
                    ignored + (outcome == Outcome.IGNORED ? 1 : 0),
                    failed + (outcome == Outcome.FAILED ? 1 : 0),
                    skipped + (outcome == Outcome.SKIPPED ? 1 : 0));
        }
    }

    /** File name endings taken as mail when a folder is searched. */
    private static final Set<String> MAIL_EXTENSIONS = Set.of("eml", "mbox", "mbx", "mail");
    private static final Pattern HEADER_LINE = Pattern.compile("[!-9;-~]{1,76}:");

    private final IntakeService intake;
    private final IntakeService.Destination destination;
    private final long maxMessageBytes;
    private final MboxFormat mboxFormat;
    private Consumer<Item> listener = item -> { };
    private Summary summary;

    public MailImporter(IntakeService intake, IntakeService.Destination destination,
            long maxMessageBytes, MboxFormat mboxFormat) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.maxMessageBytes = maxMessageBytes;
        this.mboxFormat = Objects.requireNonNull(mboxFormat, "mboxFormat");
    }

    /** Imports every path given; a path that fails is reported and the others go on. */
    public Summary run(List<Path> paths, Consumer<Item> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.summary = new Summary(0, 0, 0, 0, 0);
        for (Path path : paths) {
            importPath(path, true);
        }
        return summary;
    }

    /**
     * Imports a path named on the command line, or found inside a named folder. Links found
     * inside a folder are not followed: a link back up the tree would import the same mail
     * again and again, and one pointing elsewhere would read files nobody named.
     */
    private void importPath(Path path, boolean named) {
        if (!named && Files.isSymbolicLink(path)) {
            report(new Item(path.toString(), Outcome.SKIPPED, null,
                    "a symbolic link inside a folder; name its target to import it"));
        } else if (Files.isDirectory(path)) {
            if (isMaildir(path)) {
                importMaildir(path);
            } else {
                children(path, false).forEach(child -> importPath(child, false));
            }
        } else if (!Files.exists(path)) {
            report(new Item(path.toString(), Outcome.FAILED, null, "no such file or folder"));
        } else if (named || looksLikeMailFile(path)) {
            importFile(path);
        } else {
            report(new Item(path.toString(), Outcome.SKIPPED, null, "not a mail file"));
        }
    }

    /** A Maildir (and each Maildir++ sub-folder such as {@code .Sent}): new/, then cur/. */
    private void importMaildir(Path maildir) {
        for (String part : List.of("new", "cur")) {
            Path folder = maildir.resolve(part);
            if (Files.isDirectory(folder)) {
                children(folder, false).stream()
                        .filter(child -> Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS))
                        .forEach(this::importFile);
            }
        }
        children(maildir, true).stream()
                .filter(child -> child.getFileName().toString().startsWith(".")
                        && !Files.isSymbolicLink(child) && isMaildir(child))
                .forEach(this::importMaildir);
    }

    private void importFile(Path file) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size == 0) {
                report(new Item(source, Outcome.FAILED, null, "the file is empty"));
            } else if (startsLikeMbox(file)) {
                importMbox(file);
            } else if (size > maxMessageBytes) {
                report(tooLarge(source, size));
            } else {
                deliver(source, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            report(new Item(source, Outcome.FAILED, null, "cannot read the file: " + e));
        }
    }

    private void importMbox(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            MboxReader reader = new MboxReader(in, mboxFormat, maxMessageBytes);
            Optional<MboxReader.Entry> entry;
            while ((entry = reader.next()).isPresent()) {
                String source = file + "#" + entry.get().number();
                if (entry.get().tooLarge()) {
                    report(tooLarge(source, entry.get().size()));
                } else if (entry.get().size() == 0) {
                    report(new Item(source, Outcome.FAILED, null, "the message is empty"));
                } else {
                    deliver(source, entry.get().raw());
                }
            }
        }
    }

    private void deliver(String source, byte[] raw) {
        StoredMessage stored;
        try {
            stored = intake.accept(List.of(destination), null, raw, "import").get(0);
        } catch (IntakeException e) {
            report(new Item(source, Outcome.FAILED, null, e.getMessage()));
            return;
        }
        Outcome outcome = switch (stored.outcome()) {
            case DUPLICATE -> Outcome.DUPLICATE;
            case IGNORED -> Outcome.IGNORED;
            case STORED -> Outcome.IMPORTED;
        };
        report(new Item(source, outcome, stored.id(), stored.reason()));
    }

    private Item tooLarge(String source, long size) {
        return new Item(source, Outcome.FAILED, null, "the message has " + size
                + " bytes, over the limit of " + maxMessageBytes
                + " (ACTIONBOX_MAX_MESSAGE_BYTES)");
    }

    private void report(Item item) {
        summary = summary.add(item.outcome());
        listener.accept(item);
    }

    private static boolean isMaildir(Path folder) {
        return Files.isDirectory(folder.resolve("cur")) && Files.isDirectory(folder.resolve("new"));
    }

    /** A known mail file ending, or no ending and a first line like a header or From line. */
    private static boolean looksLikeMailFile(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            return MAIL_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(200), StandardCharsets.ISO_8859_1);
            return head.startsWith("From ") || HEADER_LINE.matcher(head).lookingAt();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean startsLikeMbox(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return MboxReader.looksLikeMbox(in.readNBytes(5));
        }
    }

    /** The entries of a folder in name order, so that runs are repeatable. */
    private List<Path> children(Path folder, boolean withHidden) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> withHidden || !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            report(new Item(folder.toString(), Outcome.FAILED, null,
                    "cannot list the folder: " + e));
            return List.of();
        }
    }
}
