package dev.publicsafety.dal.codegen;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.embedded.EmbeddedServer;
import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes from a database migrated with the schema module's own migrations,
 * on an embedded PostgreSQL: no server, no Docker. Run it with
 * {@code ./mvnw -pl codegen -am -Pregenerate process-test-classes}.
 */
public final class CodeGenerator {

    /** Package of the generated code; each schema gets a sub-package. */
    public static final String PACKAGE = "dev.publicsafety.dal.generated";

    private static final String JSONB = "dev.publicsafety.dal.jsonb.JsonbConverter";

    private CodeGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CodeGenerator <source directory>");
        }
        try (EmbeddedServer server = EmbeddedServer.startTemporary()) {
            generate(server.url("postgres"), Path.of(args[0]));
        }
    }

    /** Migrates the database of {@code url} and writes the classes for both schemas under {@code directory}. */
    public static void generate(DatabaseUrl url, Path directory) throws Exception {
        MigrationRunner runner = new MigrationRunner(url.dataSource());
        runner.migrateAll();
        GenerationTool.generate(configuration(url, directory));
        discardHandWrittenEnums(directory);
    }

    /** jOOQ writes every enum it references; the hand-written ones live in the types module instead. */
    private static void discardHandWrittenEnums(Path directory) throws IOException {
        for (String pkg : Set.copyOf(ProjectGeneratorStrategy.HAND_WRITTEN_PACKAGE.values())) {
            Path generated = directory.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.walk(generated)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            for (Path parent = generated.getParent(); !parent.equals(directory) && isEmptyDirectory(parent); parent = parent.getParent()) {
                Files.delete(parent);
            }
        }
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    static Configuration configuration(DatabaseUrl url, Path directory) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withJdbc(new Jdbc()
                        .withDriver("org.postgresql.Driver")
                        .withUrl(url.jdbcUrl())
                        .withUser(url.user())
                        .withPassword(url.password()))
                .withGenerator(new Generator()
                        .withName("org.jooq.codegen.JavaGenerator")
                        .withStrategy(new Strategy().withName(ProjectGeneratorStrategy.class.getName()))
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withSchemata(Arrays.stream(Domain.values())
                                        .map(d -> new SchemaMappingType().withInputSchema(d.schema()))
                                        .toList())
                                // partitions (monthly since fleet V6, default since V8) come and go with dal partitions: code uses the parent
                                .withExcludes(Domain.HISTORY_TABLE + "|fleet\\.\\w+_((before_)?\\d{4}_\\d{2}|default)")
                                .withForcedTypes(
                                        keepingStored("dev.publicsafety.dal.training.value.CallerProfile",
                                                "training\\.training_scenarios\\.caller_profile"),
                                        keepingStored("dev.publicsafety.dal.training.value.ScenarioScript",
                                                "training\\.training_scenarios\\.scenario_script"),
                                        typed("dev.publicsafety.dal.geo.Location",
                                                "fleet\\.(incidents|assets)\\.location"),
                                        new ForcedType()
                                                .withUserType("java.util.List<dev.publicsafety.dal.fleet.value.TransmissionEntity>")
                                                .withConverter("new dev.publicsafety.dal.fleet.value.TransmissionEntities()")
                                                // transcript_search and transmissions_mentioning return transmissions' rows (fleet V14, V15), so their column too
                                                .withIncludeExpression("fleet\\.(transmissions|transcript_search|transmissions_mentioning)\\.entities"),
                                        // read-only search column: its text form is enough (nothing binds a tsvector)
                                        new ForcedType().withName("CLOB").withIncludeTypes("tsvector"),
                                        new ForcedType()
                                                .withUserType("java.util.Map<java.lang.String, java.lang.Boolean>")
                                                .withConverter(JSONB + ".mapOf(java.lang.Boolean.class)")
                                                .withIncludeExpression("fleet\\.organizations\\.feature_flags")))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                // the repositories map rows to their own records: generated POJOs would be used nowhere
                                .withPojos(false)
                                .withDaos(false)
                                .withRoutines(false)
                                .withKeys(true)
                                .withIndexes(true)
                                .withJavaTimeTypes(true)
                                .withComments(true)
                                .withGeneratedAnnotation(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(directory.toAbsolutePath().toString())
                                .withClean(true)));
    }

    /** Columns the simulator may have written too: a document the type does not accept is kept as stored. */
    private static ForcedType keepingStored(String userType, String columns) {
        return new ForcedType()
                .withUserType(userType)
                .withConverter(JSONB + ".keepingStored(" + userType + ".class, " + userType + "::asStored)")
                .withIncludeExpression(columns);
    }

    private static ForcedType typed(String userType, String columns) {
        return new ForcedType()
                .withUserType(userType)
                .withConverter("new " + JSONB + "<>(" + userType + ".class)")
                .withIncludeExpression(columns);
    }
}
