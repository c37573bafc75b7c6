package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command and subcommand, as a new user meets them: {@code -h}, {@code --help} and
 * {@code dal help X} print its usage with examples and exit 0; summaries are whole sentences; an
 * invalid command line or option value exits 2 with one line, and a suggestion where one fits.
 * None of these needs a database: each fails before connecting.
 */
class CommandLineHelpTest {

    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new DalCommand()), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> subPath = new ArrayList<>(path);
                subPath.add(name);
                paths.add(subPath);
                collect(sub, subPath, paths);
            }
        });
    }

    static CommandSpec spec(List<String> path) {
        CommandLine command = new CommandLine(new DalCommand());
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getCommandSpec();
    }

    @ParameterizedTest(name = "dal {0} --help")
    @MethodSource("everyCommand")
    void shouldPrintHelpWithExamplesForEveryCommand(List<String> path) {
        for (String flag : List.of("--help", "-h")) {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            Dal.Result result = Dal.run(args.toArray(String[]::new));
            assertEquals(0, result.exit(), result::toString);
            assertTrue(result.out().startsWith("Usage: dal " + String.join(" ", path)), result::toString);
            assertTrue(result.out().contains("Examples:"), "an example or two: " + result);
            assertTrue(result.err().isEmpty(), result::toString);
            for (String example : spec(path).usageMessage().footer()) {
                assertTrue(result.out().lines().anyMatch(example::equals),
                        "printed on one line, so that it survives copy and paste: '" + example + "'\n" + result);
            }
        }
        if (path.size() == 1) {
            Dal.Result viaHelp = Dal.run("help", path.get(0));
            assertEquals(0, viaHelp.exit(), viaHelp::toString);
            assertTrue(viaHelp.out().startsWith("Usage: dal " + path.get(0)), viaHelp::toString);
        }
    }

    @Test
    void shouldSummarizeEveryCommandInAWholeSentence() {
        CommandLine dal = new CommandLine(new DalCommand());
        dal.getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, name + " has no description");
            String summary = description[0].strip();
            assertTrue(summary.endsWith(".") || summary.endsWith(")."), name + ": summary stops mid-sentence: " + summary);
        });
        StringWriter out = new StringWriter();
        int exit = DalCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
        assertEquals(0, exit);
        assertTrue(out.toString().contains("Examples:"), out::toString);
    }

    @ParameterizedTest(name = "dal {0}")
    @CsvSource(delimiter = '|', value = {
        "migrat                          | unknown command 'migrat'; did you mean 'migrate'?",
        "upgrade head                    | unknown command 'upgrade'",
        "migrate --stesp 1               | did you mean '--steps'?",
        "migrate --steps 0               | --steps must be at least 1, was 0",
        "undo --steps 0                  | --steps must be at least 1, was 0",
        "migrate --domain flet           | unknown domain 'flet'",
        "info --domain dispatch          | unknown domain 'dispatch'",
        "migrate --target 1 --steps 1    | mutually exclusive",
        "migrate --steps many            | Invalid value for option '--steps'",
        "info --lock-timeout 0           | --lock-timeout must be at least 1 second",
        "undo --drop-audit-trail --all   | add --yes to confirm",
        "reset                           | add --yes to confirm",
        "migrate --target base           | --target base is below every migration",
        "baseline                        | Missing required option: '--version",
        "erd --domain flet               | unknown domain 'flet'",
        "partitions retain               | give --transmissions-months, --audit-months or both",
        "partitions retain --audit-months 3 --drop-audit-partitions | --drop-audit-partitions only adds to --yes",
        "partitions retain --transmissions-months 0 --yes | a retention must keep at least 1 month, was 0",
        "partitions create --months-ahead 500 | --months-ahead must be between 0 and 120, was 500",
        "import fleet                    | Missing required option: '--dir=DIR'",
        "import fleet --dir /nonexistent-dal-export | /nonexistent-dal-export' does not exist or is not a directory",
    })
    void shouldExitTwoOnAnInvalidCommandLine(String command, String expected) {
        // Port 1 refuses connections: each of these must fail before it would connect.
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--url", "postgresql://nobody@127.0.0.1:1/none"));
        Dal.Result result = Dal.run(args.toArray(String[]::new));
        assertEquals(2, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result);
        assertTrue(result.err().contains(expected), result::toString);
        assertTrue(result.err().contains("--help')"), "points at help: " + result);
    }
}
