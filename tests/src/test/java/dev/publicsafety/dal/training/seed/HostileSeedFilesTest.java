package dev.publicsafety.dal.training.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.NeedsServerTimers;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed files an attacker or a careless editor could hand the seeder: invalid Unicode, other
 * encodings, hostile depth and size, things that are not files, control characters in names,
 * several errors at once, an empty folder with {@code prune}, a held lock or row. Each is refused with
 * located one-line errors and leaves the database exactly as it was. The files are made here, in
 * a temporary folder, from the bundled car-accident scenario.
 */
@IsolatedDatabase
class HostileSeedFilesTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);

    private static TestDatabase database;
    private static String carAccident;
    private static String heartAttack;

    @TempDir
    Path dir;

    private String before;

    @BeforeAll
    static void seedTheBundledScenarios(TestDatabase db) {
        database = db;
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        carAccident = bundled("car-accident.json");
        heartAttack = bundled("heart-attack.json");
    }

    @BeforeEach
    void rememberTheScenarios() {
        before = scenarios();
    }

    @Test
    void shouldRefuseALoneSurrogateEscapeWithItsLocation() throws IOException {
        write("car-accident.json", carAccident.replace("\"name\": \"Car Accident", "\"name\": \"Car \\ud800Accident"));
        assertEquals(List.of("car-accident.json:4:11: $.name: the text contains the lone surrogate U+D800, which is not valid Unicode"),
                refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseANulEscapeWithItsLocationInsteadOfABareSqlState() throws IOException {
        write("car-accident.json", carAccident.replace("\"age\": 45", "\"age\": 45, \"na\\u0000me\": \"x\\u0000\""));
        assertEquals(List.of(
                "car-accident.json:10:30: $.caller_profile.na\\u0000me: the property name contains U+0000 (NUL), which PostgreSQL cannot store",
                "car-accident.json:10:30: $.caller_profile.na\\u0000me: the text contains U+0000 (NUL), which PostgreSQL cannot store",
                "car-accident.json:10:30: $.caller_profile.na\\u0000me: property 'na\\u0000me' is not defined in the schema and the schema does"
                        + " not allow additional properties"),
                refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseUtf16AndLatin1NamingTheEncodingAndWhere() throws IOException {
        Files.write(dir.resolve("car-accident.json"), carAccident.getBytes(StandardCharsets.UTF_16));
        Files.write(dir.resolve("heart-attack.json"), heartAttack.replace("Heart Attack", "Crise cardiaque à domicile")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of(
                "car-accident.json:1:1: $: not UTF-8: the file starts with the UTF-16 byte order mark FE FF; save it as UTF-8",
                "heart-attack.json:4:48: $: not UTF-8: byte E0 cannot be read as UTF-8 (Latin-1 or another encoding?); save the file as UTF-8"),
                refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseUtf16WithoutAByteOrderMarkAtItsFirstCharacter() throws IOException {
        Files.write(dir.resolve("car-accident.json"), carAccident.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(List.of("car-accident.json:1:2: $: not UTF-8 text: a NUL byte (UTF-16 without a byte order mark?); save the file as"
                + " UTF-8"), refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseAHundredThousandNestedArraysNamingTheDepthLimit() throws IOException {
        write("deep.json", "[".repeat(100_000) + "]".repeat(100_000));
        assertEquals(List.of("deep.json:1:101: $: not valid JSON: Document nesting depth (101) exceeds the maximum allowed (100, from"
                + " `StreamReadConstraints.getMaxNestingDepth()`)"), refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseAFiftyMegabyteStringByFileSizeAndRaisedByStringLength() throws IOException {
        write("big.json", "{\"key\": \"big\", \"description\": \"" + "a".repeat(50_000_000) + "\"}");
        assertEquals(List.of("big.json:1:1: $: the file is 50000033 bytes, over the limit of 10485760 bytes per seed file"
                + " (dal seed --max-file-size raises it)"), refused(SeedSource.directory(dir)));
        assertEquals(List.of("big.json:1:31: $: not valid JSON: String value length (1044761) exceeds the maximum allowed (1000000, from"
                + " `StreamReadConstraints.getMaxStringLength()`)"), refused(SeedSource.directory(dir, 60L << 20)));
    }

    @Test
    void shouldRefuseWhatIsNotARegularFileWithoutOpeningIt() throws Exception {
        Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.json").toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        Files.createDirectory(dir.resolve("folder.json"));
        Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere"));
        List<String> errors = assertTimeoutPreemptively(NO_HANG, () -> refused(SeedSource.directory(dir)));
        assertEquals(List.of(
                "dangling.json:1:1: $: cannot be read: it does not exist (a broken symbolic link?)",
                "folder.json:1:1: $: not a regular file (a directory); only regular files are read",
                "pipe.json:1:1: $: not a regular file (a device, named pipe or socket); only regular files are read",
                "zero.json:1:1: $: not a regular file (a device, named pipe or socket); only regular files are read"), errors);
    }

    @Test
    void shouldEscapeControlCharactersInFileNamesSoEachErrorIsOneLine() throws IOException {
        write("evil\nname\u001b[2J.json", carAccident);
        List<String> errors = refused(SeedSource.directory(dir));
        assertEquals(List.of("evil\\nname\\u001b[2J.json:3:10: $.key: is 'car-accident' but must equal the file name without .json:"
                + " 'evil\\nname\\u001b[2J'"), errors);
    }

    @Test
    void shouldReportEveryErrorOfEveryFileNotOnlyTheFirst() throws IOException {
        write("heart-attack.json", heartAttack.replace("\"difficulty\": \"hard\"", "\"difficulty\": \"brutal\"")
                .replace("\"step\": 3,", "\"step\": 4,"));
        write("car-accident.json", carAccident.replace("\"age\": 45", "\"age\": \"45\"")
                .replace("\"weight\": 0.25", "\"weight\": 0.5").replace("\"key\": \"car-accident\"", "\"key\": \"car-crash\""));
        assertEquals(List.of(
                "car-accident.json:3:10: $.key: is 'car-crash' but must equal the file name without .json: 'car-accident'",
                "car-accident.json:10:12: $.caller_profile.age: string found, integer expected",
                "car-accident.json:169:28: $.scenario_script.evaluation_criteria: weights must add up to 1, they add up to 1.25",
                "heart-attack.json:6:17: $.difficulty: does not have a value in the enumeration [\"easy\", \"medium\", \"hard\"]",
                "heart-attack.json:73:17: $.scenario_script.expected_dialogue_flow[2].step: must be 3, was 4: steps are numbered 1, 2, 3, ..."
                        + " in order"),
                refused(SeedSource.directory(dir)));
    }

    @Test
    void shouldRefuseTheSameKeyFromTwoSources() throws IOException {
        write("heart-attack.json", heartAttack);
        List<SeedSource.SourceFile> files = new ArrayList<>(SeedSource.bundled());
        files.addAll(SeedSource.directory(dir));
        assertEquals(List.of("heart-attack.json:3:10: $.key: duplicate key 'heart-attack': another heart-attack.json (from another folder"
                + " or the bundled scenarios) has it"), refused(files));
    }

    @Test
    void shouldRefuseToPruneWithNothingToSeed() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new ScenarioSeeder(database.dataSource())
                .seed(SeedSource.directory(dir), new ScenarioSeeder.Options(false, true)));
        assertEquals("nothing to seed: no scenario files, and pruning would deactivate every seeded scenario; refusing"
                + " (nothing was written)", refused.getMessage());
        assertEquals(before, scenarios());
    }

    @Test
    void shouldGiveUpOnAHeldSeedingLockNamingItsHolder() throws SQLException {
        try (Connection holder = database.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'nightly-import'");
            statement.execute("SELECT pg_advisory_lock(" + 0x5CE1A210L + ")");
            long started = System.nanoTime();
            IllegalStateException refused = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(IllegalStateException.class,
                    () -> new ScenarioSeeder(database.dataSource(), Duration.ofSeconds(1)).seedBundled(ScenarioSeeder.Options.DEFAULT)));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(refused.getMessage().matches("another session holds the seeding lock \\(pid \\d+, application_name 'nightly-import',"
                    + " user \\w+\\); gave up after 1\\.0 s, nothing was written"), refused.getMessage());
            assertTrue(waitedMillis >= 1000 && waitedMillis < 5000, "waited " + waitedMillis + " ms");
            System.out.println("seeding lock held elsewhere: refused after " + waitedMillis + " ms");
        }
        assertEquals(before, scenarios());
        assertEquals(0, new ScenarioSeeder(database.dataSource(), Duration.ofSeconds(1)).seedBundled(ScenarioSeeder.Options.DEFAULT)
                .changes(), "once released, the lock is free");
    }

    @Test
    @NeedsServerTimers
    void shouldGiveUpOnARowAnotherTransactionHoldsNamingIt() throws SQLException, IOException {
        write("car-accident.json", carAccident.replace("\"age\": 45", "\"age\": 46"));
        try (Connection holder = database.dataSource().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'scenario-editor'");
            holder.setAutoCommit(false);
            statement.execute("UPDATE training.training_scenarios SET name = name WHERE scenario_key = 'car-accident'");
            long started = System.nanoTime();
            IllegalStateException refused = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(IllegalStateException.class,
                    () -> new ScenarioSeeder(database.dataSource(), Duration.ofSeconds(1)).seed(SeedSource.directory(dir),
                            ScenarioSeeder.Options.DEFAULT)));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(refused.getMessage().matches("another transaction holds locks on training_scenarios \\(pid \\d+,"
                    + " application_name 'scenario-editor', user \\w+, in a transaction since .+\\); gave up after 1\\.0 s,"
                    + " nothing was written"), refused.getMessage());
            assertTrue(waitedMillis >= 1000 && waitedMillis < 5000, "waited " + waitedMillis + " ms");
            System.out.println("scenario row locked elsewhere: refused after " + waitedMillis + " ms");
            holder.rollback();
        }
        assertEquals(before, scenarios());
    }

    private List<String> refused(List<SeedSource.SourceFile> files) {
        SeedValidationException refused = assertThrows(SeedValidationException.class,
                () -> new ScenarioSeeder(database.dataSource()).seed(files, new ScenarioSeeder.Options(false, true)));
        assertEquals(before, scenarios(), "the database changed although the seed files were refused");
        List<String> errors = refused.errors().stream().map(SeedError::toString).toList();
        errors.forEach(error -> assertEquals(1, error.lines().count(), error));
        return errors;
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static String bundled(String name) {
        return SeedSource.bundled().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().content();
    }

    private static String scenarios() {
        DSLContext ctx = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        return ctx.fetch("SELECT * FROM training.training_scenarios ORDER BY id").formatCSV();
    }
}
