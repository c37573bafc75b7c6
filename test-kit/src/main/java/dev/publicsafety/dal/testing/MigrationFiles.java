package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.migration.BuiltInMigrations;
import dev.publicsafety.dal.migration.Domain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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
        for (String name : BuiltInMigrations.fileNames(domain.migrationLocation())) {
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

    private static int[] numbers(String version) {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
