package dev.actionbox.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels for the one-shot commands. Their stdout is read by scripts and their errors are
 * one line, so the store's start-up notes, useful in a server's log, stay out of the way.
 */
final class CliLogging {

    private CliLogging() {
    }

    static void quietStoreStartup() {
        setLevel("dev.actionbox.store", Level.WARN);
    }

    /** The demo prints its own table; a log line per API call would bury it. */
    static void quietRequestLog() {
        setLevel("actionbox.http", Level.WARN);
    }

    private static void setLevel(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
