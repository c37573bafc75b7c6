package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/schema.md}: {@code dal erd --markdown} on a database freshly migrated to head.
 * Run it with {@value #REGENERATE}; it starts an embedded PostgreSQL of its own.
 */
public final class SchemaDiagramWriter {

    static final String REGENERATE = "./mvnw -q -pl cli -am -Pschema-diagram process-test-classes";

    private SchemaDiagramWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaDiagramWriter <docs/schema.md>");
        }
        try (EmbeddedServer server = EmbeddedServer.startTemporary()) {
            Files.writeString(Path.of(args[0]), markdown(new TestDatabase(server.url("postgres"))));
        }
    }

    /** Migrates {@code db} (an empty database) to head and returns both schemas' diagrams as Markdown. */
    static String markdown(TestDatabase db) {
        new MigrationRunner(db.dataSource()).migrateAll();
        Dal.Result erd = Dal.run("erd", "--markdown", "--url", Dal.url(db));
        if (erd.exit() != 0) {
            throw new IllegalStateException("dal erd failed: " + erd);
        }
        return erd.out();
    }
}
