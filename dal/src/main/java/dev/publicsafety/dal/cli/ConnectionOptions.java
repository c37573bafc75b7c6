package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.local.LocalServer;
import dev.publicsafety.dal.migration.Domain;
import java.util.List;
import picocli.CommandLine.Option;

/** Where to connect and which domains to act on; shared by every database command. */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "postgresql://user:pass@host:port/db, postgresql+asyncpg://… or jdbc:postgresql://…"
                    + " (default: $DATABASE_URL, else the local embedded server)")
    String url;

    @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "all",
            description = "fleet, training or all (default: ${DEFAULT-VALUE})")
    String domain;

    List<Domain> domains() {
        return Domain.parse(domain);
    }

    /** Opens the target: the given URL, $DATABASE_URL, or the local embedded server. */
    Target open(Output output) {
        if (url != null) {
            return new Target(DatabaseUrl.parse(url), null); // an explicit but empty --url is an error, not "use local"
        }
        String environment = System.getenv("DATABASE_URL");
        if (environment != null && !environment.isBlank()) {
            return new Target(DatabaseUrl.parse(environment), null);
        }
        output.info("no --url or DATABASE_URL: using the local embedded PostgreSQL in " + LocalServer.dataDirectory());
        LocalServer local = LocalServer.connectOrStart(LocalServer.dataDirectory(), 0);
        return new Target(local.url(), local);
    }

    /** A database to work on, and the local server to stop afterwards if one was started for it. */
    record Target(DatabaseUrl url, LocalServer local) implements AutoCloseable {

        javax.sql.DataSource dataSource() {
            return url.dataSource();
        }

        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
        }
    }
}
