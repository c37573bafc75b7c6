package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.local.LocalServer;
import dev.publicsafety.dal.migration.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where to connect and which domains to act on; shared by every database command. */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "postgresql://user:pass@host:port/db, postgresql+asyncpg://… or jdbc:postgresql://…"
                    + " (default: $DATABASE_URL, else the local embedded server)")
    String url;

    @Option(names = "--domain", paramLabel = "DOMAIN", defaultValue = "all", converter = DomainName.class,
            description = "fleet, training or all (default: ${DEFAULT-VALUE}); or an application's own as NAME=DIR:"
                    + " schema NAME, migrations in DIR/db/migration/NAME, undo scripts in DIR/db/undo/NAME")
    String domain;

    /** Checks the name while the command line is parsed, so a typo is an invalid command line (exit 2). */
    static final class DomainName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            parse(value);
            return value;
        }
    }

    /**
     * The domains {@code --domain} names: built-in ones by name, an application's as {@code NAME=DIR}
     * ({@link Domain#inFolder}); a wrong one is a {@link TypeConversionException}.
     */
    static List<Domain> parse(String value) {
        int equals = value == null ? -1 : value.indexOf('=');
        try {
            if (equals < 0) {
                return Domain.parse(value);
            }
            Path root = Path.of(value.substring(equals + 1));
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("no folder " + root + " for domain " + value.substring(0, equals)
                        + ": NAME=DIR needs DIR to hold db/migration/NAME");
            }
            return List.of(Domain.inFolder(value.substring(0, equals), root));
        } catch (IllegalArgumentException invalid) { // InvalidPathException included
            throw new TypeConversionException(invalid.getMessage() + (equals < 0 ? ", or NAME=DIR for an application's own domain" : ""));
        }
    }

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "give up waiting for a table lock after this long (default: ${DEFAULT-VALUE}); a busy"
                    + " application holding locks fails the command instead of queueing behind it")
    int lockTimeoutSeconds;

    List<Domain> domains() {
        return parse(domain);
    }

    /** Opens the target: the given URL, $DATABASE_URL, or the local embedded server. */
    Target open(Output output) {
        if (url != null) {
            return new Target(DatabaseUrl.parse(url), null, lockTimeoutSeconds); // an explicit but empty --url is an error, not "use local"
        }
        String environment = System.getenv("DATABASE_URL");
        if (environment != null && !environment.isBlank()) {
            return new Target(DatabaseUrl.parse(environment), null, lockTimeoutSeconds);
        }
        output.info("no --url or DATABASE_URL: using the local embedded PostgreSQL in " + LocalServer.dataDirectory());
        LocalServer local = LocalServer.connectOrStart(LocalServer.dataDirectory(), 0);
        return new Target(local.url(), local, lockTimeoutSeconds);
    }

    /** A database to work on, and the local server to stop afterwards if one was started for it. */
    record Target(DatabaseUrl url, LocalServer local, int lockTimeoutSeconds) implements AutoCloseable {

        javax.sql.DataSource dataSource() {
            PGSimpleDataSource dataSource = url.dataSource();
            String options = dataSource.getOptions() == null ? "" : dataSource.getOptions() + " ";
            dataSource.setOptions(options + "-c lock_timeout=" + lockTimeoutSeconds + "s");
            return dataSource;
        }

        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
        }
    }
}
