package dev.publicsafety.dal.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.DalDsl;
import dev.publicsafety.dal.cli.demo.DemoFleet;
import dev.publicsafety.dal.cli.demo.DemoTour;
import dev.publicsafety.dal.cli.demo.FleetDemoGenerator;
import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.training.Scenario;
import dev.publicsafety.dal.training.ScenarioRepository;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.seed.SeedReport;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
        "Load a generated fleet and the training scenarios into a throw-away database and tour them with type-safe"
                + " queries.",
        "Starts an embedded PostgreSQL (or uses --url), migrates both schemas, generates a realistic, deterministic"
                + " fleet of two organizations through the repositories (transmissions by COPY), and prints a tour and"
                + " how to connect. Only --url is used, never $DATABASE_URL."},
        footerHeading = "%nExamples:%n",
        footer = {"  dal demo", "  # smaller, and keep the server running to explore it", "  dal demo --seed 7 --scale 0.2 --keep",
                "  dal demo --url postgresql://postgres@127.0.0.1:5432/demo",
                "  # after an interrupted run there: remove what it left and generate again",
                "  dal demo --url postgresql://postgres@127.0.0.1:5432/demo --yes"})
final class DemoCommand implements Callable<Integer> {

    static final String DATABASE = "dal_demo";
    static final String APP_ROLE = FleetRoles.DEFAULT_ROLE;

    @Option(names = "--url", paramLabel = "URL", description = "load the demo into this database instead of a temporary embedded one")
    String url;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the generated data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "1", description = "multiplies the data volume; 1 is ~800 incidents and"
            + " 50,000 transmissions (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--keep", description = "keep the embedded server running after the tour, until Ctrl-C")
    boolean keep;

    @Option(names = "--yes", description = "with --url: remove the demo organizations an interrupted generation left"
            + " (their rows and audit trail) and generate again")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(scale > 0 && scale <= 100)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be above 0 and at most 100, was " + scale);
        }
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr());
        EmbeddedServer server = null;
        boolean keepRunning = false;
        try {
            DatabaseUrl owner;
            if (url != null) {
                owner = DatabaseUrl.parse(url);
                output.info("demo: using " + owner);
            } else {
                output.info("demo: starting an embedded PostgreSQL (no --url) ...");
                server = EmbeddedServer.startTemporary();
                createDatabase(server.url("postgres"));
                owner = server.url(DATABASE);
            }
            migrate(owner, output);
            seedTrainingScenarios(owner.dataSource(), output);

            DatabaseUrl application = owner;
            String appPassword = null;
            if (server != null) {
                appPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
                FleetRoles.createApplicationRole(owner.dataSource(), APP_ROLE, appPassword);
                application = new DatabaseUrl(owner.host(), owner.port(), owner.database(), APP_ROLE, appPassword, owner.parameters());
                output.info("demo: the fleet data is written and read as role " + APP_ROLE + ", subject to row-level security");
            }
            boolean rowLevelSecurity = FleetRoles.inspect(application.dataSource()).isSubjectToRowLevelSecurity();
            DemoFleet demo;
            try (HikariDataSource pool = pool(application.dataSource())) {
                FleetDatabase fleet = new FleetDatabase(pool);
                List<UUID> unfinished = DemoFleet.unfinished(owner.dataSource());
                if (!unfinished.isEmpty() && !yes) {
                    // only a database of the user's can hold them: the embedded one is new
                    throw new ConfirmationRequired("found " + unfinished.size() + " demo organization(s) of an unfinished"
                            + " generation in " + owner + " (it was interrupted); removing them deletes their rows and audit"
                            + " trail; nothing changed: run again with --yes to remove them and start over");
                }
                if (!unfinished.isEmpty()) {
                    output.info("demo: found " + unfinished.size() + " demo organization(s) of an unfinished generation (it was"
                            + " interrupted); removing them and starting over");
                    DemoFleet.discard(owner.dataSource(), unfinished);
                }
                Optional<DemoFleet> existing = DemoFleet.find(owner.dataSource());
                if (existing.isPresent()) {
                    demo = existing.get();
                    output.info("demo: the demo organizations are already there (generated with seed " + demo.organizations().get(0).seed()
                            + "); showing the tour of that data");
                } else {
                    long started = System.nanoTime();
                    OffsetDateTime anchor = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
                    output.info("demo: generating the fleet (seed " + seed + ", scale " + scale + ")");
                    demo = new FleetDemoGenerator(fleet, seed, scale, anchor, output.err()).generate();
                    output.info(String.format("demo: generated in %.1f s", (System.nanoTime() - started) / 1e9));
                }
                new DemoTour(fleet, demo, rowLevelSecurity, output.out()).print();
                printTrainingScenarios(owner.dataSource(), output);
            }
            printConnection(output, owner, application, appPassword, demo, server != null);
            if (server != null && keep) {
                keepRunning = true;
                EmbeddedServer running = server;
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.close();
                    stopped.countDown();
                }, "dal-demo-stop"));
                stopped.await();
            }
            return 0;
        } finally {
            if (server != null && !keepRunning) {
                server.close();
            }
        }
    }

    private static void seedTrainingScenarios(DataSource owner, Output output) {
        SeedReport report = new ScenarioSeeder(owner).seedBundled(ScenarioSeeder.Options.DEFAULT);
        output.info("demo: training scenarios seeded (" + report + ")");
    }

    private static void printTrainingScenarios(DataSource owner, Output output) {
        output.println("");
        output.println("9. Training scenarios by difficulty");
        output.println("   new ScenarioRepository(ctx).findActive()");
        for (Scenario scenario : new ScenarioRepository(DalDsl.using(owner)).findActive()) {
            output.println(String.format("   %-7s %-36s caller %s, %s", scenario.difficulty().getLiteral(),
                    scenario.name(), caller(scenario), turns(scenario)));
        }
    }

    /** A scenario the simulator wrote may be in its shape or stored as it is: say what is known, never throw. */
    private static String caller(Scenario scenario) {
        var state = scenario.callerProfile().emotionalState();
        return state == null ? "(as stored)" : state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String turns(Scenario scenario) {
        var script = scenario.script();
        if (script.expectedDialogueFlow() != null) {
            return script.expectedDialogueFlow().size() + " expected dialogue turns";
        }
        return script.expectedFlow() != null ? script.expectedFlow().size() + " expected steps" : "script as stored";
    }

    private static void migrate(DatabaseUrl owner, Output output) {
        MigrationRunner runner = new MigrationRunner(owner.dataSource());
        for (Domain domain : Domain.values()) {
            int applied = runner.migrate(domain);
            output.info("demo: " + domain.schema() + " migrated (" + applied + " applied), at version "
                    + runner.currentVersionOrBase(domain));
        }
    }

    private static void createDatabase(DatabaseUrl maintenance) throws SQLException {
        try (Connection connection = maintenance.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static HikariDataSource pool(DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(4);
        config.setPoolName("dal-demo");
        return new HikariDataSource(config);
    }

    private void printConnection(Output output, DatabaseUrl owner, DatabaseUrl application, String appPassword, DemoFleet demo,
                                 boolean embedded) {
        DemoFleet.Organization first = demo.organizations().get(0);
        String appUrl = "postgresql://" + application.user() + (appPassword == null ? "" : ":" + appPassword) + "@"
                + application.host() + ":" + application.port() + "/" + application.database();
        output.println("");
        output.println("== Connect to the data ==");
        if (embedded && !keep) {
            output.println("   The embedded server stops now. Run `./dal demo --keep` to keep it running and connect to it,");
            output.println("   or `./dal demo --url postgresql://user:pass@host:5432/db` to load the demo into a database of yours.");
            return;
        }
        if (embedded) {
            output.println("   The embedded server keeps running until you press Ctrl-C.");
            output.println("   owner (migrations):  postgresql://" + owner.user() + "@" + owner.host() + ":" + owner.port() + "/" + owner.database());
            output.println("   application role:    " + appUrl + "   (subject to row-level security)");
        } else {
            output.println("   database:            " + owner);
        }
        for (DemoFleet.Organization org : demo.organizations()) {
            output.println(String.format("   %-20s %s", org.slug() + ":", org.id()));
        }
        output.println("   psql:  psql \"" + appUrl + "\" -c \"SELECT fleet.set_org_id('" + first.id() + "');\\");
        output.println("                SELECT incident_number, status, priority FROM fleet.incidents ORDER BY priority, reported_at LIMIT 5\"");
        output.println("   Java:  new FleetDatabase(dataSource).inTransaction(UUID.fromString(\"" + first.id() + "\"),");
        output.println("              Actor.service(\"me\"), tx -> tx.incidents().openByPriority(PageRequest.first(10)))");
        if (!embedded) {
            output.println("   Connect the application as a non-owner role to get row-level security: dal grant-app-role --url ... --create");
        }
    }
}
