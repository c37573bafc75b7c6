package dev.publicsafety.dal.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collections;
import java.util.List;

/**
 * The migration and undo files dal ships for its built-in domains, told apart from files that
 * another jar or folder on the classpath puts in the same location (an application's
 * {@code db/migration/training/V5__x.sql}): Flyway would apply those silently, leaving a database
 * that this build then calls newer than itself.
 */
public final class BuiltInMigrations {

    private BuiltInMigrations() {
    }

    /** The names of the files dal ships directly under {@code location} (e.g. {@code V1__fleet_initial_schema.sql}). */
    public static List<String> fileNames(String location) {
        try {
            for (URL url : Collections.list(BuiltInMigrations.class.getClassLoader().getResources(location))) {
                if (isOwn(url)) {
                    return DomainFiles.list(url, location);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of();
    }

    /** Throws naming the first file under {@code domain}'s locations that {@code classLoader} finds outside dal's own. */
    static void refuseStrays(ClassLoader classLoader, Domain domain) {
        for (String location : List.of(domain.migrationLocation(), domain.undoLocation())) {
            try {
                for (URL url : Collections.list(classLoader.getResources(location))) {
                    List<String> files = isOwn(url) ? List.of() : DomainFiles.list(url, location);
                    if (!files.isEmpty()) {
                        throw new MigrationException(location + "/" + files.get(0) + " is on the classpath from " + root(url, location)
                                + ", not from dal: the built-in domain " + domain.schema()
                                + " runs only dal's own migrations, so it was not applied; remove it from that location");
                    }
                }
            } catch (IOException e) {
                throw new MigrationException("cannot list " + location + " on the classpath: " + e.getMessage(), e);
            }
        }
    }

    private static boolean isOwn(URL url) {
        CodeSource own = BuiltInMigrations.class.getProtectionDomain().getCodeSource();
        return own == null || own.getLocation() == null || url.toExternalForm().contains(own.getLocation().toExternalForm());
    }

    private static String root(URL url, String location) {
        String form = url.toExternalForm();
        return form.endsWith(location) ? form.substring(0, form.length() - location.length()) : form;
    }
}
