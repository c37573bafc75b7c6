package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one exit-code rule of the help's list, on every command (a new command is covered without
 * touching this test): 2 when the command line must change, whatever the command, and nothing runs.
 * What exits 1 (a failure, a refusal by the database) and 3 (findings) is asserted where each
 * command is tested; the missing {@code --yes} cases that need data are named below.
 */
class ExitCodeRuleTest {

    /** Options without which a command stops at its own checks before looking further. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "baseline", List.of("--version", "1"),
            "import fleet", List.of("--dir", "src/test/resources/dispatch-product-export"),
            "lint", List.of("--pending"),
            "partitions retain", List.of("--audit-months", "84"),
            "revision", List.of("--message", "add a column", "--domain", "training"),
            "seed", List.of("--bundled"));

    @ParameterizedTest(name = "dal {0} --no-such-option")
    @MethodSource("dev.publicsafety.dal.cli.CommandLineHelpTest#everyCommand")
    void shouldExitTwoOnAnUnknownOption(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.addAll(REQUIRED.getOrDefault(String.join(" ", path), List.of()));
        args.add("--no-such-option");
        Dal.Result result = Dal.run(args.toArray(String[]::new));
        assertEquals(2, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result);
        assertTrue(result.err().contains("--no-such-option"), result::toString);
    }

    @ParameterizedTest(name = "dal {0} --url <unreadable>")
    @MethodSource("dev.publicsafety.dal.cli.CommandLineHelpTest#everyCommand")
    void shouldExitTwoOnAUrlThatCannotBeRead(List<String> path) {
        if (CommandLineHelpTest.spec(path).findOption("--url") == null) {
            return; // nothing to read: this command takes no URL
        }
        for (String url : List.of("localhost:5432/dispatch", "postgresql://u:p@db.example.org:5432/dispatch?password=%zz")) {
            List<String> args = new ArrayList<>(path);
            args.addAll(REQUIRED.getOrDefault(String.join(" ", path), List.of()));
            args.addAll(List.of("--url", url));
            Dal.Result result = Dal.run(args.toArray(String[]::new));
            assertEquals(2, result.exit(), result::toString);
            assertEquals(1, result.err().strip().lines().count(), "one line: " + result);
            assertTrue(result.err().contains("database URL '"), result::toString);
            assertTrue(!result.err().contains("zz") && !result.err().contains(":p@"), "no credentials echoed: " + result);
        }
    }

    /**
     * Every command that can destroy data takes {@code --yes}; without it each exits 2 having changed
     * nothing. The cases needing data are tested with that data: clean in {@code HostileCommandLineTest},
     * undo and the audit trail in {@code UndoSafetyTest}, partitions retain in {@code PartitionsCommandTest}, demo in
     * {@code DemoInterruptionTest}; reset and {@code undo --all} in {@code CommandLineHelpTest}.
     */
    @Test
    void shouldKnowEveryCommandThatAsksForYes() {
        TreeSet<String> asking = new TreeSet<>();
        CommandLineHelpTest.everyCommand().filter(path -> CommandLineHelpTest.spec(path).findOption("--yes") != null)
                .forEach(path -> asking.add(String.join(" ", path)));
        assertEquals(new TreeSet<>(List.of("clean", "demo", "partitions retain", "reset", "undo")), asking,
                "a new command taking --yes needs its refusal tested for exit 2");
    }
}
