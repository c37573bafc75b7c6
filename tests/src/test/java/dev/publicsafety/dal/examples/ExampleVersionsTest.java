package dev.publicsafety.dal.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example projects name third-party versions the build manages itself (the Spring Boot one pins
 * the DAL's library versions over its parent's; the plain one picks JUnit and slf4j-simple): they
 * must be the build's, or the examples (and the guide that shows them) test other versions.
 */
class ExampleVersionsTest {

    private static final Path ROOT_POM = Path.of("..", "pom.xml");
    private static final Path SPRING_BOOT = Path.of("..", "examples", "spring-boot", "pom.xml");
    private static final Path PLAIN_JAVA = Path.of("..", "examples", "plain-java", "pom.xml");

    @Test
    void shouldPinTheBuildsLibraryVersionsOverSpringBootsParent() throws IOException {
        String example = Files.readString(SPRING_BOOT);
        assertSame("jooq.version", "jooq.version", example);
        assertSame("flyway.version", "flyway.version", example);
        assertSame("postgresql.version", "postgresql.version", example);
        assertSame("hikaricp.version", "hikaricp.version", example);
        assertSame("jackson.version", "jackson-2-bom.version", example);
        assertSame("junit.version", "junit-jupiter.version", example);
    }

    @Test
    void shouldUseTheBuildsJunitAndSlf4jInThePlainExample() throws IOException {
        String example = Files.readString(PLAIN_JAVA);
        assertEquals(property("junit.version", Files.readString(ROOT_POM)), version("junit-bom", example), PLAIN_JAVA + ": junit-bom");
        assertEquals(property("slf4j.version", Files.readString(ROOT_POM)), version("slf4j-simple", example), PLAIN_JAVA + ": slf4j-simple");
    }

    private static void assertSame(String rootProperty, String exampleProperty, String example) throws IOException {
        assertEquals(property(rootProperty, Files.readString(ROOT_POM)), property(exampleProperty, example),
                SPRING_BOOT + ": <" + exampleProperty + "> differs from the root pom's <" + rootProperty + ">");
    }

    private static String property(String name, String pom) {
        Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        return value.find() ? value.group(1) : "(no <" + name + ">)";
    }

    private static String version(String artifactId, String pom) {
        Matcher value = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        return value.find() ? value.group(1) : "(no version of " + artifactId + ")";
    }
}
