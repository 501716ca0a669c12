package dev.actionbox.cli;

/**
 * A whole-number setting that a flag, an {@code ACTIONBOX_} variable or actionbox.toml gives.
 * Its errors name the flag and the variable both: the user may have set either, and a message
 * that names only the other one sends them looking in the wrong place.
 */
record NumberSetting(String flag, String variable) {

    /** The flag's value, else the variable's or the file's, else the fallback. */
    long read(Number flagValue, Settings settings, long fallback, long minimum) {
        long value = flagValue != null ? flagValue.longValue() : parse(settings, fallback);
        if (value < minimum) {
            throw usageError("must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** As {@link #read}, refusing a value an int cannot hold rather than letting it wrap. */
    int readInt(Number flagValue, Settings settings, int fallback, int minimum) {
        long value = read(flagValue, settings, fallback, minimum);
        if (value > Integer.MAX_VALUE) {
            throw usageError("must be at most " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    private long parse(Settings settings, long fallback) {
        String text = settings.get(variable, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw usageError("must be a whole number, was '" + text + "'");
        }
    }

    private CliException usageError(String problem) {
        return new CliException(flag + " (" + variable + ") " + problem, 2);
    }
}
