package dev.actionbox.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Answers a mistyped command line with one line on stderr instead of the whole usage: the full
 * text buried the one line that said what was wrong, and scripts that log stderr got pages.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    private static final int MAX_SUGGESTIONS = 3;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";

        command.getErr().println("actionbox: " + oneLine(e.getMessage()) + suggestions(e)
                + "; see '" + help + "'");
        command.getErr().flush();

        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Picocli's own text, on one line and without a closing period before ours follows. */
    private static String oneLine(String message) {
        if (message == null) {
            return "invalid command line";
        }
        return message.strip().replaceAll("\\s+", " ").replaceAll("\\.$", "");
    }

    private static String suggestions(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> names = unmatched.getSuggestions();
        if (names.isEmpty()) {
            return "";
        }
        return " (did you mean " + String.join(" or ",
                names.subList(0, Math.min(MAX_SUGGESTIONS, names.size()))) + "?)";
    }
}
