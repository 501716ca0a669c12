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
 * Replaces two commands of SubEthaSMTP 7.1.7, whose command handler allows it:
 * <ul>
 * <li>EHLO, because the library does not advertise PIPELINING (RFC 2920) although its
 * unbuffered command reader handles pipelined commands, and advertises CHUNKING, which
 * Actionbox does not offer (its size limit is enforced on DATA);
 * <li>MAIL, because the library parses the SIZE parameter (RFC 1870) as an int, so a declared
 * size over 2 GB ends the session with 421 instead of refusing it with 552; and because after
 * a refused DATA it keeps the transaction open, so that the sender's next MAIL would get 503
 * although RFC 5321 section 3.3 ends the transaction there.
 * </ul>
 */
final class SmtpCommands {

    /** A message handler that knows whether its transaction ended with a refused DATA. */
    interface Transaction {
        boolean dataRefused();
    }

    private static final Pattern SIZE_PARAMETER = Pattern.compile("(?i)\\sSIZE=(\\d+)");

    private SmtpCommands() {
    }

    static void install(CommandHandler handler, String hostName, long maxMessageBytes) {
        handler.addCommand(new Ehlo(hostName, maxMessageBytes));
        handler.addCommand(new MailWithSize(handler.getCommand("MAIL"), maxMessageBytes));
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
            Matcher size = SIZE_PARAMETER.matcher(commandString);
            if (size.find() && exceeds(size.group(1))) {
                session.sendResponse("552 " + tooLarge(maxMessageBytes));
                return;
            }
            mail.execute(commandString, session);
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
}
