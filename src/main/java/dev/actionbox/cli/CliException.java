package dev.actionbox.cli;

/** A problem the user can fix; its message says how. Exit code 2 for usage, 1 otherwise. */
final class CliException extends RuntimeException {

    private final int exitCode;

    CliException(String message) {
        this(message, 1);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
