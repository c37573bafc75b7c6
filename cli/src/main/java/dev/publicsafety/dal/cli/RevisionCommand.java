package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.drift.Autogeneration;
import dev.publicsafety.dal.drift.SchemaDiff;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DomainFiles;
import dev.publicsafety.dal.migration.MigrationNumbering;
import dev.publicsafety.dal.migration.ValidationProblem;
import dev.publicsafety.dal.migration.lint.LintFinding;
import dev.publicsafety.dal.migration.lint.MigrationLinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "revision", description = {
        "Write the next migration of a domain and its undo (alembic revision -m): V<n>__<what>.sql and U<n>__<what>.sql,"
                + " each with a short header of what to check before committing.",
        "Inside the dal repository they go into schema/src/main/resources/db/migration/<domain> and db/undo/<domain>,"
                + " for an application's domain NAME=DIR into DIR/db/migration/NAME and DIR/db/undo/NAME; elsewhere pass --dir. Refuses a name or version that exists, and a folder whose numbering has two files"
                + " with one version or a gap (it names the renumbering to do).",
        "With --autogenerate --from URL, the files hold the DDL that turns head into that development database"
                + " (changed by hand) and back, in dependency order, with what DDL cannot say (a rename, a function, a trigger,"
                + " a policy for named roles, an enum value to remove) as TODO lines at the top; the pair is then run up, down and up again on a"
                + " scratch database, comparing catalogs, and the new file is linted. Exit 1 if that round trip fails: the files"
                + " stay written, to fix, and the failure is named."},
        footerHeading = "%nExamples:%n",
        footer = {"  dal revision -m \"add estimated minutes to scenarios\" --domain training",
                "  dal revision --autogenerate -m \"notes\" --domain training --from \"$DEV_DB\""})
final class RevisionCommand implements Callable<Integer> {

    private static final String MIGRATIONS = "schema/src/main/resources/";

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "WHAT", description = "what the migration does (its file name)")
    String message;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "fleet, training, or an application's"
            + " domain as NAME=DIR (its files go into DIR/db/migration/NAME and DIR/db/undo/NAME)")
    String domainName;

    @Option(names = "--dir", paramLabel = "DIR", description = "write both files into DIR instead of the repository's folders")
    Path dir;

    @Option(names = "--autogenerate", description = "write the DDL that turns head into the database --from, and its undo")
    boolean autogenerate;

    @Option(names = "--from", paramLabel = "URL", description = "with --autogenerate: the development database changed by hand"
            + " (postgresql://user@host:port/db; it must be at head)")
    String from;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (autogenerate != (from != null)) {
            throw new ParameterException(spec.commandLine(), "--autogenerate and --from URL go together");
        }
        Domain domain = domain();
        String what = message.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (what.isEmpty() || what.length() > 80) {
            throw new ParameterException(spec.commandLine(), "-m must say what the migration does in 1 to 80 letters or digits, was '"
                    + message.strip() + "'");
        }
        Path migrations = dir != null ? dir : folder(domain.migrationLocation());
        Path undo = dir != null ? dir : folder(domain.undoLocation());
        List<String> existing = new ArrayList<>(names(migrations));
        if (dir != null) {
            DomainFiles.migrations(domain, RevisionCommand.class.getClassLoader()).stream()
                    .filter(name -> !existing.contains(name)).forEach(existing::add);
        }
        List<ValidationProblem> problems = MigrationNumbering.problems(domain, existing);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0) + "; then run dal revision again");
        }
        String sameName = existing.stream().filter(name -> name.endsWith("__" + what + ".sql")).findFirst().orElse(null);
        if (sameName != null) {
            throw new IllegalStateException("a migration named " + what + " exists in " + domain.schema() + " (" + sameName
                    + "); say what this one does differently with -m");
        }
        int version = MigrationNumbering.versions(existing).isEmpty() ? 1 : MigrationNumbering.versions(existing).lastKey() + 1;
        Path forward = migrations.resolve("V" + version + "__" + what + ".sql");
        Path backward = undo.resolve("U" + version + "__" + what + ".sql");
        if (Files.exists(backward)) {
            throw new IllegalStateException(backward + " exists already; remove it or renumber");
        }
        Files.createDirectories(migrations);
        Files.createDirectories(undo);
        String header = """
                -- %s (%s V%d). Before committing:
                -- * dal lint this file; acknowledge a finding you accept with "-- dal:allow <rule> <reason>" before its statement;
                -- * %s, and run MigrationRoundTripTest (up, down, up);
                -- * regenerate the jOOQ classes if a table or column changes (README, "Generated classes").
                -- dal:allow missing-lock-timeout dal migrate runs every migration with its --lock-timeout and retries
                """;
        String undoHeader = """
                -- Undoes V%d (%s): drop what it created, restore what it changed. dal undo lists what this
                -- drops (tables with their rows, columns with their values) and asks for --yes before it does.
                """;
        if (!autogenerate) {
            write(forward, header.formatted(message.strip(), domain.schema(), version, "write its undo in " + backward.getFileName()) + "\n");
            write(backward, undoHeader.formatted(version, message.strip()) + "\n");
            return 0;
        }
        try (Autogeneration generated = Autogeneration.start(domain, DatabaseUrl.parse(from))) {
            if (generated.up().isEmpty() && generated.down().isEmpty()) {
                spec.commandLine().getOut().println(domain.schema() + " in the database --from matches head V" + generated.head()
                        + ": nothing to write");
                return 0;
            }
            String upSql = header.formatted(message.strip(), domain.schema(), version, "review it and its undo "
                    + backward.getFileName() + " (written by dal revision --autogenerate from the database at head V" + generated.head()
                    + " plus the changes by hand)") + body(generated.up());
            String downSql = undoHeader.formatted(version, message.strip()) + body(generated.down());
            write(forward, upSql);
            write(backward, downSql);
            generated.up().todos().forEach(todo -> spec.commandLine().getOut().println("TODO " + forward.getFileName() + ": " + todo));
            generated.down().todos().forEach(todo -> spec.commandLine().getOut().println("TODO " + backward.getFileName() + ": " + todo));
            Autogeneration.RoundTrip proof = generated.prove(forward.getFileName().toString(), upSql, backward.getFileName().toString(), downSql);
            List<LintFinding> findings = MigrationLinter.lint(forward.toString(), upSql);
            findings.forEach(finding -> spec.commandLine().getOut().println(finding));
            spec.commandLine().getOut().println("lint: " + (findings.isEmpty() ? "clean" : findings.size() + " finding"
                    + (findings.size() == 1 ? "" : "s") + " in " + forward.getFileName() + "; rewrite the statement safely or acknowledge it"));
            if (proof.failure() != null) {
                spec.commandLine().getErr().println("round trip failed: " + proof.failure() + "; " + forward.getFileName() + " and "
                        + backward.getFileName() + " are written for you to fix, not to commit as they are");
                return 1;
            }
            spec.commandLine().getOut().println("round trip on a scratch database (up, down, up) passed"
                    + (proof.leftToTodos() == 0 ? "" : ", except " + proof.leftToTodos() + " catalog lines the TODOs leave to write by hand"));
            return 0;
        }
    }

    /** The TODO lines, then the statements, one a line. */
    private static String body(SchemaDiff.Plan plan) {
        StringBuilder body = new StringBuilder();
        plan.todos().forEach(todo -> body.append("-- TODO: ").append(todo).append('\n'));
        body.append('\n');
        plan.statements().forEach(statement -> body.append(statement).append('\n'));
        return body.toString();
    }

    private void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        spec.commandLine().getOut().println("wrote " + file);
    }

    private Domain domain() {
        List<Domain> domains;
        try {
            domains = ConnectionOptions.parse(domainName);
        } catch (TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (domains.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--domain must name one domain (fleet, training or NAME=DIR), was "
                    + domainName);
        }
        return domains.get(0);
    }

    /** An application's folder as declared; a built-in domain's in the dal repository. */
    private static Path folder(String location) {
        return DomainFiles.folder(location).orElseGet(() -> repository().resolve(MIGRATIONS + location));
    }

    /** The dal repository this command runs in: the nearest folder up that holds the schema module's migrations. */
    private static Path repository() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve(MIGRATIONS + "db/migration"))) {
                return at;
            }
        }
        throw new IllegalStateException("not inside the dal repository (no " + MIGRATIONS + "db/migration above "
                + Path.of("").toAbsolutePath() + "); pass --dir DIR");
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
