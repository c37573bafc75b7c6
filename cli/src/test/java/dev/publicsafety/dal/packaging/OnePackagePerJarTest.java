package dev.publicsafety.dal.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package of the project is split across two of its jars: an application (or a module path)
 * sees each package in one artifact. The command line's test class path holds every published
 * artifact but the starter (schema, embedded, types, codegen, seed data, dal, the test kit, the
 * command line itself): class directories or jars of a reactor build, or jars from a repository.
 */
class OnePackagePerJarTest {

    private static final Set<String> ARTIFACTS = Set.of("dal-schema", "dal-embedded", "dal-types", "dal-codegen", "dal-seed-data",
            "dal", "dal-test", "dal-cli");

    @Test
    void shouldFindEveryPackageInOneJarOnly() throws IOException {
        Map<String, Set<String>> packagesByArtifact = projectArtifacts();
        assertEquals(ARTIFACTS, packagesByArtifact.keySet(), "the project's artifacts on the class path");

        Map<String, Set<String>> artifactsByPackage = new TreeMap<>();
        packagesByArtifact.forEach((artifact, packages) -> packages.forEach(
                p -> artifactsByPackage.computeIfAbsent(p, k -> new TreeSet<>()).add(artifact)));
        List<String> split = new ArrayList<>();
        artifactsByPackage.forEach((p, artifacts) -> {
            if (artifacts.size() > 1) {
                split.add(p + " in " + artifacts);
            }
        });
        assertTrue(artifactsByPackage.containsKey("dev.publicsafety.dal.fleet"), artifactsByPackage::toString);
        assertEquals(List.of(), split, "packages split across jars");
    }

    /** Main classes of each project artifact on the class path (test classes and test-jars are not published). */
    private static Map<String, Set<String>> projectArtifacts() throws IOException {
        Map<String, Set<String>> result = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            String artifact = artifactOf(path);
            if (artifact != null) {
                result.computeIfAbsent(artifact, k -> new TreeSet<>()).addAll(packagesIn(path));
            }
        }
        return result;
    }

    /**
     * The artifact whose main classes {@code path} holds: {@code <module>/target/classes} or
     * {@code <module>/target/<artifact>-<version>.jar} in a reactor build,
     * {@code .../dev/publicsafety/<artifact>/<version>/<artifact>-<version>.jar} from a repository.
     */
    private static String artifactOf(Path path) throws IOException {
        String file = path.getFileName().toString();
        Path parent = path.getParent();
        if (parent != null && parent.endsWith("target") && Files.exists(parent.resolveSibling("pom.xml"))) {
            String artifact = artifactId(parent.resolveSibling("pom.xml"));
            boolean mainClasses = file.equals("classes") || file.startsWith(artifact + "-") && file.endsWith(".jar") && !file.endsWith("-tests.jar");
            return mainClasses ? artifact : null;
        }
        if (file.endsWith(".jar") && !file.endsWith("-tests.jar") && parent != null && parent.getParent() != null
                && parent.getParent().getParent() != null && parent.getParent().getParent().endsWith(Path.of("dev", "publicsafety"))) {
            return parent.getParent().getFileName().toString();
        }
        return null;
    }

    private static String artifactId(Path pom) throws IOException {
        String text = Files.readString(pom);
        String afterParent = text.substring(text.indexOf("</parent>"));
        return afterParent.substring(afterParent.indexOf("<artifactId>") + "<artifactId>".length(), afterParent.indexOf("</artifactId>"));
    }

    private static Set<String> packagesIn(Path classes) throws IOException {
        Set<String> packages = new TreeSet<>();
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> packages.add(classes.relativize(f.getParent()).toString().replace(File.separatorChar, '.')));
            }
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && n.contains("/"))
                        .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
            }
        }
        return packages;
    }
}
