package dev.publicsafety.dal.chaos;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.FleetRoles;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.fleet.organization.NewUser;
import dev.publicsafety.dal.fleet.radio.NewRadioChannel;
import dev.publicsafety.dal.generated.fleet.enums.ChannelSourceType;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.workload.DispatchDesk;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The chaos run: its own PostgreSQL server (embedded, persistent, durable), migrated, with the
 * application role and one organization per client; a {@link DroppingProxy} in front of it; client
 * processes ({@link ChaosClient}) running the dispatch workload through it; faults of every
 * {@link FaultKind} at random moments (seeded); then, with the clients stopped, the
 * {@link ChaosChecker}'s verdict. Each fault is also written to {@code faults.log} in the run's
 * directory (start and end in epoch milliseconds, kind, what it hit).
 */
public final class ChaosRun {

    private static final Actor SETUP = Actor.service("chaos-setup");
    private static final String ROLE = "dal_chaos_app";
    private static final long FIRST_ACK_TIMEOUT_MILLIS = 180_000;
    private static final long COPY_WAIT_MILLIS = 30_000;
    /** After the last fault: how long every client is given to complete a unit again before all are stopped. */
    private static final long SETTLE_TIMEOUT_MILLIS = 120_000;

    private final ChaosSettings settings;
    private final PrintStream out;
    private final Clock clock;
    private final Random random;
    private final List<Fault> faults = new ArrayList<>();

    public ChaosRun(ChaosSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
        this.random = new Random(settings.seed());
    }

    public ChaosReport run() throws Exception {
        Path directory = settings.directory() != null ? Files.createDirectories(settings.directory()) : Files.createTempDirectory("dal-chaos-");
        out.println("chaos run in " + directory + ", seed " + settings.seed());
        ChaosReport report;
        try (EmbeddedServer server = EmbeddedServer.startPersistent(directory.resolve("pgdata"), 0);
             DroppingProxy proxy = DroppingProxy.start(server.port())) {
            DataSource owner = server.url("postgres").dataSource();
            new MigrationRunner(owner).migrateAll();
            String password = "chaos-" + HexFormat.of().toHexDigits(random.nextLong());
            FleetRoles.createApplicationRole(owner, ROLE, password);
            String jdbcUrl = new DatabaseUrl("127.0.0.1", proxy.port(), "postgres", null, null,
                    Map.of("sslmode", "disable", "gssEncMode", "disable", "connectTimeout", "5", "socketTimeout", "60")).jdbcUrl();
            List<ClientProcess> clients = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                ClientProcess client = new ClientProcess(i, directory, random.nextLong(), clock);
                new ClientSettings(jdbcUrl, ROLE, password, centre(new FleetDatabase(owner), i)).store(client.settings);
                clients.add(client);
            }
            clients.forEach(ClientProcess::start);
            try {
                awaitFirstAcks(clients);
                injectFaults(server, proxy, owner, clients, directory.resolve("faults.log"));
                awaitAckAfterLastFault(clients);
            } finally {
                for (ClientProcess client : clients) {
                    client.stop(false);
                }
            }
            List<ChaosChecker.ClientRecord> records = new ArrayList<>();
            for (ClientProcess client : clients) {
                records.add(new ChaosChecker.ClientRecord(client.index, ClientSettings.load(client.settings).centre().org(),
                        AckLog.read(client.acks), client.lives()));
            }
            report = new ChaosChecker(owner).check(settings.seed(), records, faults,
                    clients.stream().mapToInt(ClientProcess::starts).sum(), clients.stream().mapToInt(ClientProcess::unexpectedExits).sum());
        }
        if (settings.directory() == null && report.clean()) {
            deleteTree(directory);
        }
        return report;
    }

    /**
     * Checks a kept run directory again (a run that was stopped before its own check): starts its
     * server, reads every client's acknowledgements and {@code faults.log}. Process lifetimes were
     * not kept, so each client counts as one process alive throughout; a fault is measured up to a
     * later kill of the same client.
     */
    public static ChaosReport recheck(Path directory, long seed) throws Exception {
        List<Fault> faults = new ArrayList<>();
        for (String line : Files.readAllLines(directory.resolve("faults.log"))) {
            String[] f = line.split(" ", 4);
            FaultKind kind = FaultKind.valueOf(f[2]);
            int client = kind == FaultKind.KILL_CLIENT ? Integer.parseInt(f[3].substring("client ".length())) : -1;
            faults.add(new Fault(kind, Long.parseLong(f[0]), Long.parseLong(f[1]), client, f[3]));
        }
        List<ChaosChecker.ClientRecord> records = new ArrayList<>();
        for (int i = 0; Files.exists(directory.resolve("client-" + i + ".acks")); i++) {
            records.add(new ChaosChecker.ClientRecord(i, ClientSettings.load(directory.resolve("client-" + i + ".properties")).centre().org(),
                    AckLog.read(directory.resolve("client-" + i + ".acks")), List.of(new ClientProcess.Life(0, Long.MAX_VALUE))));
        }
        try (EmbeddedServer server = EmbeddedServer.startPersistent(directory.resolve("pgdata"), 0)) {
            return new ChaosChecker(server.url("postgres").dataSource()).check(seed, records, faults, 0, 0);
        }
    }

    /** One organization with two channels and a dispatcher, made by the owner. */
    private static DispatchDesk.Centre centre(FleetDatabase owner, int index) {
        String slug = "chaos-" + index;
        UUID org = owner.createOrganization(SETUP, NewOrganization.of("Chaos centre " + index, slug)).id();
        return owner.inTransaction(org, SETUP, tx -> {
            List<UUID> channels = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                channels.add(tx.channels().create(new NewRadioChannel("Channel " + c, ChannelSourceType.API,
                        Map.of("endpoint", "https://recorder.invalid/" + c, "auth", "none"))).id());
            }
            String name = "Dispatcher " + index;
            UUID dispatcher = tx.users().create(NewUser.of(slug + "-dispatcher", "dispatcher@" + slug + ".invalid", name, "dispatcher")).id();
            return new DispatchDesk.Centre(org, channels, dispatcher, name);
        });
    }

    private void awaitFirstAcks(List<ClientProcess> clients) throws InterruptedException, IOException {
        long deadline = clock.millis() + FIRST_ACK_TIMEOUT_MILLIS;
        for (ClientProcess client : clients) {
            while (!Files.exists(client.acks) || Files.size(client.acks) == 0) {
                if (clock.millis() > deadline) {
                    throw new IllegalStateException("chaos client " + client.index + " acknowledged no unit within "
                            + FIRST_ACK_TIMEOUT_MILLIS / 1000 + " s (see " + client.acks.resolveSibling("client-" + client.index + ".log") + ")");
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Waits (at most {@value #SETTLE_TIMEOUT_MILLIS} ms) until every client has appended an
     * acknowledgement since now, so that the last fault's reconnects are measured too; a client that
     * never reconnects shows as a reconnect as long as this wait.
     */
    private void awaitAckAfterLastFault(List<ClientProcess> clients) throws IOException, InterruptedException {
        long[] sizes = new long[clients.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Files.size(clients.get(i).acks);
        }
        long deadline = clock.millis() + SETTLE_TIMEOUT_MILLIS;
        for (int i = 0; i < sizes.length; i++) {
            while (Files.size(clients.get(i).acks) == sizes[i] && clock.millis() < deadline) {
                clients.forEach(ClientProcess::restartIfExited);
                Thread.sleep(100);
            }
        }
    }

    /** Every fault of the plan, in a seeded random order, at seeded random gaps averaging duration / faults. */
    private void injectFaults(EmbeddedServer server, DroppingProxy proxy, DataSource owner, List<ClientProcess> clients, Path faultLog)
            throws Exception {
        List<FaultKind> plan = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            plan.addAll(Collections.nCopies(settings.faultsPerKind(), kind));
        }
        Collections.shuffle(plan, random);
        long meanGap = plan.isEmpty() ? 0 : settings.duration().toMillis() / plan.size();
        for (FaultKind kind : plan) {
            Thread.sleep((long) (meanGap * (0.5 + random.nextDouble())));
            clients.forEach(ClientProcess::restartIfExited);
            int before = faults.size();
            inject(kind, server, proxy, owner, clients);
            if (faults.size() > before) {
                Fault fault = faults.get(faults.size() - 1);
                Files.writeString(faultLog, fault.start() + " " + fault.end() + " " + fault.kind() + " " + fault.detail() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            if (faults.size() % 50 == 0 && faults.size() > before) {
                out.println("  " + faults.size() + " of " + plan.size() + " faults injected");
            }
        }
    }

    private void inject(FaultKind kind, EmbeddedServer server, DroppingProxy proxy, DataSource owner, List<ClientProcess> clients)
            throws Exception {
        long start = clock.millis();
        switch (kind) {
            case KILL_CLIENT -> {
                ClientProcess victim = clients.get(random.nextInt(clients.size()));
                victim.killAndRestart();
                faults.add(new Fault(kind, start, clock.millis(), victim.index, "client " + victim.index));
            }
            case FAST_RESTART -> {
                server.restart(EmbeddedServer.Shutdown.FAST);
                faults.add(new Fault(kind, start, clock.millis(), -1, "restarted"));
            }
            case IMMEDIATE_RESTART -> {
                server.restart(EmbeddedServer.Shutdown.IMMEDIATE);
                faults.add(new Fault(kind, start, clock.millis(), -1, "restarted"));
            }
            case TERMINATE_BACKENDS -> faults.add(new Fault(kind, start, clock.millis(), -1, terminate(owner) + " sessions"));
            case PROXY_DROP -> faults.add(new Fault(kind, start, clock.millis(), -1, proxy.dropAll() + " connections"));
            case PROXY_DROP_MID_COPY -> {
                if (proxy.cutNextCopy(COPY_WAIT_MILLIS)) {
                    long cut = clock.millis();
                    faults.add(new Fault(kind, cut, cut, -1, "cut inside COPY"));
                } else {
                    out.println("  no COPY to cut within " + COPY_WAIT_MILLIS / 1000 + " s; not counted");
                }
            }
        }
    }

    private static int terminate(DataSource owner) throws SQLException {
        try (Connection connection = owner.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, ROLE);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the chaos run's directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
