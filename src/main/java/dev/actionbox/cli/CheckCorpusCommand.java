package dev.actionbox.cli;

import dev.actionbox.mail.MessageParser;
import dev.actionbox.mail.ParsePolicy;
import dev.actionbox.mail.corpus.CasesCheck;
import dev.actionbox.mail.corpus.CorpusCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code actionbox check-corpus DIR}: parses every message a corpus manifest lists and compares
 * it with the values the message's original project states; with {@code --cases}, checks a
 * folder of reported-fault cases at parse level instead.
 */
@Command(name = "check-corpus", mixinStandardHelpOptions = true,
        description = "Check the parser against a corpus with MANIFEST.tsv and "
                + "REPLY_MANIFEST.tsv, or against a cases folder with --cases.")
final class CheckCorpusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The corpus or cases folder")
    Path dir;

    @Option(names = "--cases", description = "DIR holds Bxx.eml with Bxx.expected.json")
    boolean cases;

    @Option(names = "--min-pass-rate", paramLabel = "PERCENT", defaultValue = "97",
            description = "Exit 1 when fewer expectations match (default ${DEFAULT-VALUE})")
    double minPassRate;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new CliException("The folder " + dir + " is absent, so nothing was checked; "
                    + "name an existing corpus folder", 2);
        }
        MessageParser parser = new MessageParser(ParsePolicy.defaults());
        int passed;
        int failed;
        if (cases) {
            CasesCheck.Counts counts = new CasesCheck(parser).run(dir, System.out);
            passed = counts.passed();
            failed = counts.failed();
        } else {
            CorpusCheck.Counts counts = new CorpusCheck(parser).run(dir, System.out);
            passed = counts.passed();
            failed = counts.failed();
        }
        double rate = passed + failed == 0 ? 100 : passed * 100.0 / (passed + failed);
        System.out.printf("pass rate %.1f%% (minimum %.1f%%)%n", rate, minPassRate);
        return rate >= minPassRate ? 0 : 1;
    }
}
