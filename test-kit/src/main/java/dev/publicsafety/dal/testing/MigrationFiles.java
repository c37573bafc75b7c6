package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.migration.Domain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of a domain's migration files, read from the classpath, so a test that cares about
 * the head version follows the migrations instead of pinning a number that the next migration breaks.
 */
public final class MigrationFiles {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    private MigrationFiles() {
    }

    /** The highest version of {@code domain}'s migrations, as {@code dal info} prints it. */
    public static String head(Domain domain) {
        List<String> versions = versions(domain);
        return versions.get(versions.size() - 1);
    }

    /** How many migrations {@code domain} has. */
    public static int count(Domain domain) {
        return versions(domain).size();
    }

    /** Every version of {@code domain}'s migrations, in order. */
    public static List<String> versions(Domain domain) {
        List<String> versions = new ArrayList<>();
        for (String name : fileNames(domain.migrationLocation())) {
            Matcher matcher = VERSIONED.matcher(name);
            if (matcher.matches()) {
                versions.add(matcher.group(1).replace('_', '.'));
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations on the classpath under " + domain.migrationLocation());
        }
        versions.sort(Comparator.comparing(MigrationFiles::numbers, Arrays::compare));
        return List.copyOf(versions);
    }

    private static List<String> fileNames(String location) {
        URL url = Domain.class.getClassLoader().getResource(location);
        if (url == null) {
            throw new IllegalStateException("no migrations on the classpath under " + location);
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    return jar.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(location + "/") && name.indexOf('/', location.length() + 1) < 0)
                            .map(name -> name.substring(location.length() + 1)).toList();
                }
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(file -> file.getFileName().toString()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] numbers(String version) {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
