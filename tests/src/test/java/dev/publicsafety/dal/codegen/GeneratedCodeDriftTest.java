package dev.publicsafety.dal.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codegen module's sources are exactly what the migrations produce today. Regenerating from a
 * freshly migrated database and comparing file by file catches a migration committed without
 * regenerating, a hand edit of generated code, and a hand-written class put beside the generated
 * ones (those belong in the types module).
 */
@IsolatedDatabase(migrated = false)
class GeneratedCodeDriftTest {

    private static final Path COMMITTED = Path.of("../codegen/src/main/java");
    private static final String REGENERATE = "./mvnw -pl codegen -am -Pregenerate process-test-classes -DskipTests";

    @Test
    void shouldMatchTheClassesGeneratedFromTheMigrations(TestDatabase db) throws Exception {
        Path output = Path.of("target", "codegen-check");
        CodeGenerator.generate(db.url(), output);
        Map<String, String> expected = read(output);
        Map<String, String> committed = read(COMMITTED);
        assertTrue(expected.size() > 50, "generation produced only " + expected.size() + " files");

        List<String> differences = new ArrayList<>();
        for (String file : expected.keySet()) {
            if (!committed.containsKey(file)) {
                differences.add("missing: " + file);
            } else if (!committed.get(file).equals(expected.get(file))) {
                differences.add("stale: " + file);
            }
        }
        committed.keySet().stream().filter(f -> !expected.containsKey(f))
                .forEach(f -> differences.add("not generated (a hand-written class belongs in the types module): " + f));
        assertEquals(List.of(), differences,
                "codegen's sources disagree with the migrations; run " + REGENERATE + " and commit the result");
    }

    /**
     * jOOQ adds {@code "this-escape"} to the generated {@code @SuppressWarnings} when it runs on Java
     * 21 or later (a javac lint of those versions): which JDK generated a file is not a schema change.
     */
    private static String withoutJdkSpecifics(String source) {
        return source.replace(", \"this-escape\" })", " })");
    }

    private static Map<String, String> read(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString(), withoutJdkSpecifics(Files.readString(path)));
            }
        }
        return files;
    }
}
