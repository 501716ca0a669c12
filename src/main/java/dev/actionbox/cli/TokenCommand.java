package dev.actionbox.cli;

import dev.actionbox.auth.TokenException;
import dev.actionbox.auth.TokenService;
import dev.actionbox.store.Store;
import dev.actionbox.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code actionbox token create}: the first token of an install comes from here. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {

    @Override
    public void run() {
        throw new CliException("Say what to do with tokens, e.g. "
                + "'actionbox token create --scopes admin'", 2);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it once on stdout (only a hash is kept).")
    static final class Create implements Callable<Integer> {

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE",
                description = "Comma-separated scopes, e.g. email:read,task:write or admin")
        List<String> scopes;

        @Option(names = "--label", description = "A name to recognise the token by")
        String label;

        /**
         * A token made in another store than the server's is refused by the server with a
         * plain 401, so a fresh store is worth a word.
         */
        private static void warnWhenNew(StoreConfig config, Path dataDir) {
            boolean sqlite = config.dialect() == dev.actionbox.store.Dialect.SQLITE;
            if (sqlite && !Files.exists(dataDir.resolve(StoreConfig.SQLITE_FILE))) {
                System.err.println("actionbox: note: no store in " + dataDir.toAbsolutePath()
                        + " yet, so a new one is made; run serve with the same --data");
            }
        }

        @Override
        public Integer call() throws Exception {
            try {
                TokenService.parseScopes(scopes);
            } catch (TokenException e) {
                // Checked before the store is opened, so a typo creates nothing.
                throw new CliException(e.getMessage(), 2);
            }
            CliLogging.quietStoreStartup();
            Path dataDir = storeOptions.dataDir(Settings.load(System.getenv(), Path.of(".")));
            Settings settings = Settings.load(System.getenv(), dataDir);
            StoreConfig config = storeOptions.storeConfig(settings);
            warnWhenNew(config, dataDir);
            Files.createDirectories(dataDir);
            try (Store store = Store.open(config)) {
                TokenService.Issued issued = new TokenService(store).create(scopes, label, null,
                        null);
                System.out.println(issued.secret());
                return 0;
            } catch (TokenException e) {
                throw new CliException(e.getMessage(), 2);
            }
        }
    }
}
