package dev.publicsafety.dal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code dal} command: migrations, checks, seeding and the local server, for operators. */
@Command(name = "dal", mixinStandardHelpOptions = true, version = "dal 0.1.0",
        description = "Migrate, inspect, seed and serve the public-safety PostgreSQL schemas (fleet, training).",
        subcommands = {MigrateCommand.class, UndoCommand.class, InfoCommand.class, ValidateCommand.class,
                SqlCommand.class, BaselineCommand.class, RepairCommand.class, CleanCommand.class, DoctorCommand.class,
                CheckCommand.class, ServerCommand.class, SeedCommand.class, GrantAppRoleCommand.class, DemoCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error (one line on standard error says what to do)", "2:invalid command line",
                "3:check or validate found drift"})
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
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs {@code dal} with the given arguments and streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        DalCommand dal = new DalCommand();
        CommandLine commandLine = new CommandLine(dal);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            err.println("dal " + cmd.getCommandName() + ": " + Failures.explain(failure, target(cmd)));
            if (dal.verbose) {
                failure.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            String name = failure.getCommandLine().getCommandName();
            err.println((name.equals("dal") ? "dal: " : "dal " + name + ": ") + failure.getMessage()
                    + " (see 'dal " + (name.equals("dal") ? "" : name + " ") + "--help')");
            err.flush();
            return 2;
        });
        return commandLine.execute(args);
    }

    private static String target(CommandLine command) {
        Object user = command.getCommand();
        if (user instanceof DatabaseCommand database && database.connectedTo != null) {
            return database.connectedTo.toString();
        }
        return "the database";
    }
}
