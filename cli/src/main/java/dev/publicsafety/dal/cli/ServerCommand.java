package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.local.LocalServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", description = "Run the embedded PostgreSQL in the foreground, with a persistent data directory,"
        + " and print its URL; Ctrl-C stops it.",
        footerHeading = "%nExamples:%n", footer = {"  dal server", "  dal server --port 55432 --data-dir /tmp/dal-pg"})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "" + LocalServer.DEFAULT_PORT, description = "port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default: $DAL_DATA_DIR or ~/.dal/postgres)")
    Path dataDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr());
        Path directory = dataDirectory != null ? dataDirectory : LocalServer.dataDirectory();
        LocalServer server = LocalServer.connectOrStart(directory, port);
        if (!server.startedHere()) {
            output.info("dal server: a server is already running on " + directory + " at " + server.url());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dal-server-stop"));
        output.println("PostgreSQL is running; data directory " + directory.toAbsolutePath());
        output.println("DATABASE_URL=" + "postgresql://" + server.url().user() + "@" + server.url().host() + ":"
                + server.url().port() + "/" + server.url().database());
        output.println("JDBC URL:    " + server.url().jdbcUrl() + "  (user " + server.url().user() + ", no password)");
        output.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
