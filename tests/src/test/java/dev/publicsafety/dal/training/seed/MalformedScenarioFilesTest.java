package dev.publicsafety.dal.training.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder of {@code malformed-scenarios} holds a broken scenario file (or two that clash) and
 * {@code expected-errors.txt}, the exact errors the seeder must report. Every case is seeded
 * together with valid files, one of them changed, and must leave the database exactly as it was.
 */
@IsolatedDatabase
class MalformedScenarioFilesTest {

    private static DSLContext ctx;

    @BeforeAll
    static void seedTheBundledScenarios(TestDatabase db) {
        ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
    }

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(MalformedScenarioFilesTest.class.getClassLoader().getResource("malformed-scenarios").toURI());
        List<Path> cases;
        try (Stream<Path> folders = Files.list(root)) {
            cases = folders.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 15, "the corpus should hold at least 15 cases, has " + cases.size());
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldReportTheExactErrorAndWriteNothing(Path folder, TestDatabase db) throws IOException {
        List<SeedSource.SourceFile> files = new ArrayList<>(SeedSource.directory(folder));
        // A valid file that would be an update, to prove that valid files are not written either.
        SeedSource.bundled().stream()
                .filter(f -> !f.name().equals("car-accident.json"))
                .map(f -> f.name().equals("heart-attack.json")
                        ? new SeedSource.SourceFile(f.name(), f.content().replace("\"active\": true", "\"active\": false"))
                        : f)
                .forEach(files::add);
        String before = ctx.fetch("SELECT * FROM training.training_scenarios ORDER BY id").formatCSV();

        SeedValidationException error = assertThrows(SeedValidationException.class,
                () -> new ScenarioSeeder(db.dataSource()).seed(files, ScenarioSeeder.Options.DEFAULT));

        List<String> actual = error.errors().stream().map(SeedError::toString).toList();
        Path expectedFile = folder.resolve("expected-errors.txt");
        assertTrue(Files.exists(expectedFile), "no expected-errors.txt in " + folder.getFileName() + "; actual errors:\n"
                + String.join("\n", actual));
        assertEquals(Files.readAllLines(expectedFile), actual);
        assertEquals(before, ctx.fetch("SELECT * FROM training.training_scenarios ORDER BY id").formatCSV(),
                "the database changed although the seed files were invalid");
    }
}
