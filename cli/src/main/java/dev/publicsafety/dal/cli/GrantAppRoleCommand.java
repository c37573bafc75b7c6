package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.fleet.FleetRoles;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "grant-app-role", description = {
        "Give the application's database role exactly what it needs on the fleet and training schemas, and nothing that"
                + " bypasses row-level security.",
        "USAGE on the schemas, SELECT/INSERT/UPDATE/DELETE on their tables (those the database has: any version),"
                + " only SELECT/INSERT on fleet.audit_logs,"
                + " SELECT on each schema's migration history (for dal doctor), TEMPORARY on the database."
                + " Refuses a role that would bypass row-level security (superuser, BYPASSRLS, owner, or a member of one,"
                + " even NOINHERIT). A new role's password is sent as a SCRAM verifier computed here, never in clear."
                + " Run as the owner, and again after migrations that add tables."},
        footerHeading = "%nExamples:%n",
        footer = {"  dal grant-app-role --url \"$DB\"", "  # create the role, password from a file",
                "  dal grant-app-role --role dispatch_app --create --password-file pw --url \"$DB\""})
final class GrantAppRoleCommand extends DatabaseCommand {

    static final String PASSWORD_ENV = "DAL_APP_PASSWORD";

    @Option(names = "--role", paramLabel = "NAME", defaultValue = FleetRoles.DEFAULT_ROLE,
            description = "the application's role (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--create", description = "create the role (LOGIN, NOSUPERUSER, NOBYPASSRLS) if it does not exist;"
            + " its password comes from --password-file, else $" + PASSWORD_ENV + ", else a prompt")
    boolean create;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the new role's password (first line)")
    Path passwordFile;

    @Override
    int run(ConnectionOptions.Target target, Output output) throws Exception {
        boolean exists = FleetRoles.exists(target.dataSource(), role);
        if (!exists && !create) {
            throw new IllegalStateException("role " + role + " does not exist; add --create to create it, or CREATE ROLE it yourself");
        }
        if (exists) {
            FleetRoles.grantTo(target.dataSource(), role);
        } else {
            FleetRoles.createApplicationRole(target.dataSource(), role, password());
            output.println("created role " + role + " (LOGIN, NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOBYPASSRLS)");
        }
        output.println("granted " + role + ": USAGE on schemas fleet and training; SELECT, INSERT, UPDATE, DELETE on their tables;"
                + " SELECT, INSERT on fleet.audit_logs; SELECT on the migration history; TEMPORARY on database "
                + target.url().database());
        FleetRoles.RoleStatus status = FleetRoles.inspect(target.dataSource());
        output.println("connect the application as " + role + " (row-level security applies to it); migrations keep running as "
                + status.role() + "; check with: dal doctor --url postgresql://" + role + "@" + target.url().host() + ":"
                + target.url().port() + "/" + target.url().database());
        return 0;
    }

    private String password() throws java.io.IOException {
        if (passwordFile != null) {
            String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalStateException("password file " + passwordFile + " is empty");
            }
            return first;
        }
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalStateException("no password for the new role: pass --password-file FILE or set $" + PASSWORD_ENV);
        }
        char[] typed = console.readPassword("password for new role %s: ", role);
        if (typed == null || typed.length == 0) {
            throw new IllegalStateException("no password given for role " + role);
        }
        return new String(typed);
    }
}
