package dev.actionbox.intake;

import java.io.IOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Replaces three commands of SubEthaSMTP 7.1.7, whose command handler allows it:
 * <ul>
 * <li>EHLO, because the library does not advertise PIPELINING (RFC 2920) although its
 * unbuffered command reader handles pipelined commands, and advertises CHUNKING, which
 * Actionbox does not offer (its size limit is enforced on DATA);
 * <li>MAIL, because the library parses the SIZE parameter (RFC 1870) as an int, so a declared
 * size over 2 GB ends the session with 421 instead of refusing it with 552; and because after
 * a refused DATA it keeps the transaction open, so that the sender's next MAIL would get 503
 * although RFC 5321 section 3.3 ends the transaction there; and because it accepts any
 * parameter, so a client asking for DSN (RET, ENVID) was told 250 for what is not done;
 * <li>BDAT, which the library runs although CHUNKING is not offered, and which stored a
 * message whose client went away after its first chunk.
 * </ul>
 */
final class SmtpCommands {

    /** A message handler that knows whether its transaction ended with a refused DATA. */
    interface Transaction {
        boolean dataRefused();
    }

    private static final Pattern SIZE_PARAMETER = Pattern.compile("(?i)\\sSIZE=(\\d+)");
    /** MAIL parameters of the extensions EHLO offers; SIZE's value is checked on its own. */
    private static final Pattern KNOWN_PARAMETER = Pattern.compile(
            "(?i)SIZE=\\d{1,30}|BODY=(7BIT|8BITMIME)|SMTPUTF8");

    private SmtpCommands() {
    }

    static void install(CommandHandler handler, String hostName, long maxMessageBytes) {
        handler.addCommand(new Ehlo(hostName, maxMessageBytes));
        handler.addCommand(new MailWithSize(handler.getCommand("MAIL"), maxMessageBytes));
        handler.addCommand(new NotOffered("BDAT", "send the message with DATA"));
    }

    /**
     * What a reply may echo of the client's text: printable ASCII only, so control bytes and
     * 8-bit bytes a client sent never come back in a reply, and at most {@code max} chars.
     */
    static String echoed(String text, int max) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() <= max ? shown : shown.substring(0, max) + "...";
    }

    /** The reply to a message larger than the limit, before or after its data was sent. */
    static String tooLarge(long maxMessageBytes) {
        return "5.3.4 Message size exceeds fixed maximum message size of " + maxMessageBytes
                + " bytes";
    }

    /** EHLO with the extensions Actionbox offers (RFC 5321 section 4.1.1.1). */
    private static final class Ehlo implements Command {
        private final String reply;

        Ehlo(String hostName, long maxMessageBytes) {
            this.reply = String.join("\r\n",
                    "250-" + hostName,
                    "250-PIPELINING",
                    "250-8BITMIME",
                    "250-SIZE " + maxMessageBytes,
                    "250 SMTPUTF8");
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            String[] args = commandString.trim().split("\\s+");
            if (args.length < 2) {
                session.sendResponse("501 Syntax: EHLO hostname");
                return;
            }
            session.resetMailTransaction();
            session.setHelo(args[1]);
            session.sendResponse(reply);
        }

        @Override
        public HelpMessage getHelp() {
            return new HelpMessage("EHLO", "Introduce yourself.", "<hostname>");
        }

        @Override
        public String getName() {
            return "EHLO";
        }
    }

    /** MAIL that refuses a declared SIZE over the limit with 552 (RFC 1870 section 6.1). */
    private static final class MailWithSize implements Command {
        private final Command mail;
        private final long maxMessageBytes;

        MailWithSize(Command mail, long maxMessageBytes) {
            this.mail = Objects.requireNonNull(mail, "mail");
            this.maxMessageBytes = maxMessageBytes;
        }

        @Override
        public void execute(String commandString, Session session)
                throws IOException, DropConnectionException {
            if (session.getMessageHandler() instanceof Transaction t && t.dataRefused()) {
                session.resetMailTransaction();
            }
            String unknown = unknownParameter(commandString);
            if (unknown != null) {
                session.sendResponse(unknown.toUpperCase(java.util.Locale.ROOT).startsWith("SIZE=")
                        ? "501 5.5.4 SIZE must be a number of bytes"
                        : "555 5.5.4 MAIL parameter not recognized: " + echoed(unknown, 64));
                return;
            }
            Matcher size = SIZE_PARAMETER.matcher(commandString);
            if (size.find() && exceeds(size.group(1))) {
                session.sendResponse("552 " + tooLarge(maxMessageBytes));
                return;
            }
            mail.execute(commandString, session);
        }

        /**
         * The first parameter after the reverse path that no offered extension defines. An
         * unknown one (RET, ENVID, AUTH) asks for something Actionbox does not do, and the
         * client should hear so (RFC 5321 section 4.1.1.11) rather than assume it was done.
         */
        private static String unknownParameter(String commandString) {
            int close = commandString.indexOf('>');
            if (close < 0) {
                return null;
            }
            for (String parameter : commandString.substring(close + 1).trim().split("\\s+")) {
                if (!parameter.isEmpty() && !KNOWN_PARAMETER.matcher(parameter).matches()) {
                    return parameter;
                }
            }
            return null;
        }

        private boolean exceeds(String digits) {
            String significant = digits.replaceFirst("^0+(?=\\d)", "");
            return significant.length() > 18 || Long.parseLong(significant) > maxMessageBytes;
        }

        @Override
        public HelpMessage getHelp() throws CommandException {
            return mail.getHelp();
        }

        @Override
        public String getName() {
            return "MAIL";
        }
    }

    /** A command the library knows but Actionbox does not offer (RFC 5321 section 4.2.4). */
    private static final class NotOffered implements Command {
        private final String name;
        private final String instead;

        NotOffered(String name, String instead) {
            this.name = name;
            this.instead = instead;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            session.sendResponse("502 5.5.1 " + name + " is not offered here; " + instead);
        }

        @Override
        public HelpMessage getHelp() {
            return new HelpMessage(name, "Not offered; " + instead + ".");
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
