package dev.publicsafety.dal.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import dev.publicsafety.dal.training.value.Speaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training example of README.md, compiled and run, and checked to be in the README as it is here. */
@IsolatedDatabase
class TrainingReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/publicsafety/dal/training/TrainingReadmeExampleTest.java");

    private static DataSource dataSource;

    @BeforeAll
    static void setUp(TestDatabase db) {
        dataSource = db.dataSource();
        new ScenarioSeeder(dataSource).seedBundled(ScenarioSeeder.Options.DEFAULT);
    }

    static Optional<CallSession> example(DataSource dataSource) {
        // tag::training[]
        TrainingDatabase training = new TrainingDatabase(dataSource);   // or new TrainingDatabase(jooqConfiguration)

        CallSession call = training.inTransaction(tx -> {
            Scenario scenario = tx.scenarios().findByKey("heart-attack").orElseThrow();
            CallSession started = tx.sessions().start("operator-17", scenario.id());
            tx.transcripts().append(started.id(), TranscriptEntry.of(0, Speaker.OPERATOR, "911, what is the address?"));
            return started;
        });

        Optional<CallSession> again = training.inTransaction(tx -> tx.sessions().findById(call.id()));
        // end::training[]
        return again;
    }

    @Test
    void shouldRunTheReadmeExample() {
        CallSession call = example(dataSource).orElseThrow();
        assertEquals("operator-17", call.operatorId());
        List<TranscriptLine> lines = new TrainingDatabase(dataSource).inTransaction(tx -> tx.transcripts().transcript(call.id()));
        assertEquals("911, what is the address?", lines.get(0).text());
    }

    @Test
    void shouldShowTheExampleInTheReadmeAsItIsHere() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher region = Pattern.compile("// tag::training\\[]\\n(.*?)\\n\\s*// end::training\\[]", Pattern.DOTALL)
                .matcher(Files.readString(SOURCE));
        assertTrue(region.find());
        String body = region.group(1).stripIndent().strip();
        assertTrue(readme.contains(body), "README.md does not show the training example as it is in " + SOURCE + ":\n" + body);
    }
}
