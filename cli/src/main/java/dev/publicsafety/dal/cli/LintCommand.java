package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.migration.lint.DomainLint;
import dev.publicsafety.dal.migration.lint.LintFinding;
import dev.publicsafety.dal.migration.lint.MigrationLinter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "lint", description = {
        "Check migrations for what they do to a running system: an index built without CONCURRENTLY, SET NOT NULL,"
                + " a constraint validated under lock, a rewrite, a rename or drop the running version still uses, and more;"
                + " each finding names its rule, why it hurts and the safe rewrite.",
        "Tables created in the same file are exempt. Acknowledge a finding with a line '-- dal:allow <rule> <reason>'"
                + " just before the statement. Exit 0 clean, 3 on findings, 2 on a bad command line.",
        "Given --url, each finding also names its table's live size (rows estimated from the statistics, bytes with indexes)"
                + " and the lock its statement holds there (SHARE for CREATE INDEX, ACCESS EXCLUSIVE for SET NOT NULL, …)."},
        footerHeading = "%nExamples:%n",
        footer = {"  dal lint schema/src/main/resources/db/migration/fleet/V10__fleet_x.sql",
                "  # dal's own migrations", "  dal lint --all", "  # what dal migrate would run next", "  dal lint --pending --url \"$DB\"",
                "  # with the sizes and locks of the tables in production", "  dal lint V12__x.sql --url \"$PROD_DB\""})
final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "migration files to lint")
    List<Path> files = new ArrayList<>();

    @Option(names = "--all", description = "lint every migration of the domains (--domain; default dal's own)")
    boolean all;

    @Option(names = "--pending", description = "lint the migrations the database (--url) has not applied yet")
    boolean pending;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((files.isEmpty() ? 0 : 1) + (all ? 1 : 0) + (pending ? 1 : 0) != 1) {
            throw new ParameterException(spec.commandLine(), "give migration FILEs, --pending or --all (one of them)");
        }
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr());
        List<LintFinding> findings = new ArrayList<>();
        int linted;
        // A database (--url; for --pending also $DATABASE_URL or the local server) gives each finding its table's size and lock
        try (ConnectionOptions.Target target = pending || connection.url != null ? connection.open(output) : null) {
            if (!files.isEmpty()) {
                for (Path file : files) {
                    if (!Files.isRegularFile(file)) {
                        throw new ParameterException(spec.commandLine(), "no such migration file: " + file);
                    }
                    findings.addAll(MigrationLinter.lint(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
                linted = files.size();
            } else if (all) {
                for (Domain domain : connection.domains()) {
                    findings.addAll(DomainLint.lint(domain, file -> true));
                }
                linted = -1;
            } else {
                linted = 0;
                MigrationRunner runner = new MigrationRunner(target.dataSource());
                for (Domain domain : connection.domains()) {
                    Set<String> scripts = runner.info(domain).stream().filter(m -> "Pending".equals(m.state()))
                            .map(AppliedMigration::script).collect(Collectors.toSet());
                    linted += scripts.size();
                    findings.addAll(DomainLint.lint(domain, scripts::contains));
                }
            }
            LiveTables live = target == null ? null : new LiveTables(target.dataSource(), connection.domains());
            findings.forEach(finding -> output.println(live == null ? finding.toString() : live.describe(finding)));
        }
        String scope = linted < 0 ? "the migrations of " + connection.domains().stream().map(Domain::schema).collect(Collectors.joining(" and "))
                : linted + " file" + (linted == 1 ? "" : "s");
        output.println(findings.isEmpty() ? "lint: " + scope + " clean"
                : "lint: " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " in " + scope
                        + "; fix them, or acknowledge each with '-- dal:allow <rule> <reason>' before its statement");
        return findings.isEmpty() ? 0 : DalCommand.DRIFT;
    }
}
