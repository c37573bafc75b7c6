package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.InvalidDatabaseUrlException;
import dev.publicsafety.dal.connect.OneLine;
import dev.publicsafety.dal.migration.DataLossRefusedException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code dal} command: migrations, checks, seeding and the local server, for operators. */
@Command(name = "dal", mixinStandardHelpOptions = true, version = "dal 0.1.0",
        description = "Migrate, inspect, seed and serve the public-safety PostgreSQL schemas (fleet, training).",
        subcommands = {MigrateCommand.class, UndoCommand.class, InfoCommand.class, ValidateCommand.class,
                SqlCommand.class, BaselineCommand.class, RepairCommand.class, CleanCommand.class, ResetCommand.class,
                DoctorCommand.class, CheckCommand.class, ServerCommand.class, SeedCommand.class, GrantAppRoleCommand.class,
                DemoCommand.class, AdoptCommand.class, AuditCommand.class, ErdCommand.class, PartitionsCommand.class, LintCommand.class, RevisionCommand.class, ImportCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  # the demo on a throw-away embedded PostgreSQL", "  ./dal demo",
                "  # migrate a server of yours", "  ./dal migrate --url postgresql://owner:secret@db.example.org:5432/dispatch",
                "  # what an undo would drop, changing nothing", "  ./dal undo --dry-run --url \"$DB\"",
                "  # any command's options and examples", "  ./dal migrate --help"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
                "1:the command ran and failed, or the database refused it (one line on standard error says what to do)",
                "2:the command line must change: an unknown option, an invalid value, a URL that cannot be read,"
                        + " or a missing --yes before dropping data; nothing was changed",
                "3:check, validate, lint or audit verify found something"})
public final class DalCommand {

    static final int DRIFT = 3;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces and library logs")
    boolean verbose;

    public static void main(String[] args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // the pool's warnings repeat, with a stack trace, what the one error line says (a lost connection)
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", verbose ? "info" : "off");
        // a failed unlock (a statement timeout) logs a stack trace; the lock watch names the session holding it instead
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb.database.postgresql.PostgreSQLAdvisoryLockTemplate",
                verbose ? "info" : "off");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.OFF);
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code dal} with the given arguments and streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        DalCommand dal = new DalCommand();
        CommandLine commandLine = new CommandLine(dal);
        addHelpOption(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            err.println(prefix(cmd) + Failures.explain(failure, target(cmd)));
            if (dal.verbose) {
                failure.printStackTrace(err);
            }
            err.flush();
            return exitCode(failure);
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            CommandLine cmd = failure.getCommandLine();
            err.println(prefix(cmd) + OneLine.escape(describe(failure)) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        return commandLine.execute(args);
    }

    /** The one exit-code rule (the help's list): what the user must fix on the command line is 2, anything else 1. */
    static int exitCode(Throwable failure) {
        return failure instanceof ConfirmationRequired || failure instanceof DataLossRefusedException
                || failure instanceof InvalidDatabaseUrlException ? 2 : 1;
    }

    /** {@code -h/--help} on every subcommand, however deep; picocli adds it only where a command asks. */
    private static void addHelpOption(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOption(sub);
        }
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /** picocli's message, in this tool's words for an unknown command, with its "did you mean" where one fits. */
    private static String describe(ParameterException failure) {
        if (!(failure instanceof UnmatchedArgumentException unmatched)) {
            return failure.getMessage();
        }
        List<String> arguments = unmatched.getUnmatched();
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        boolean command = !first.startsWith("-") && !failure.getCommandLine().getSubcommands().isEmpty();
        String message = command ? "unknown command '" + first + "'" : failure.getMessage();
        List<String> suggestions = unmatched.getSuggestions();
        if (!suggestions.isEmpty()) {
            message += "; did you mean " + suggestions.stream().limit(1).map(s -> "'" + s + "'")
                    .collect(Collectors.joining(" or ")) + "?";
        }
        return message;
    }

    private static String target(CommandLine command) {
        Object user = command.getCommand();
        if (user instanceof DatabaseCommand database && database.connectedTo != null) {
            return database.connectedTo.toString();
        }
        return "the database";
    }
}
