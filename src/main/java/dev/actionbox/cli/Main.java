package dev.actionbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code actionbox} command. Exit codes: 0 ok, 1 runtime failure, 2 usage error. */
@Command(name = "actionbox", mixinStandardHelpOptions = true, version = "actionbox 0.1.0",
        description = "Turns inbound email into tracked tasks.",
        subcommands = {ServeCommand.class, TokenCommand.class, DemoCommand.class,
                ImportCommand.class, CheckCorpusCommand.class, MigrateStoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException cli) {
                cmd.getErr().println("actionbox: " + cli.getMessage());
                return cli.exitCode();
            }
            cmd.getErr().println("actionbox: " + describe(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
        throw new CliException("Name a command, e.g. 'actionbox demo' or 'actionbox serve'", 2);
    }
}
