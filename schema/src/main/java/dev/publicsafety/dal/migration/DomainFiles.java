package dev.publicsafety.dal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The migration and undo files of a domain, wherever its locations put them: dal's own jar for a
 * built-in domain, the classpath or a folder for an application's.
 */
public final class DomainFiles {

    private DomainFiles() {
    }

    /** The names of the files directly under {@code domain}'s migration location, in order. */
    public static List<String> migrations(Domain domain, ClassLoader classLoader) {
        return domain.isBuiltIn() ? BuiltInMigrations.fileNames(domain.migrationLocation()) : names(domain.migrationLocation(), classLoader);
    }

    /** The text of migration {@code file} of {@code domain}, or empty if there is none. */
    public static Optional<String> migration(Domain domain, String file, ClassLoader classLoader) {
        return read(domain.migrationLocation(), file, classLoader);
    }

    /** The text of undo script {@code file} of {@code domain}, or empty if there is none. */
    public static Optional<String> undo(Domain domain, String file, ClassLoader classLoader) {
        return read(domain.undoLocation(), file, classLoader);
    }

    /** The folder of a {@code filesystem:} location, or empty for a classpath one. */
    public static Optional<Path> folder(String location) {
        return location.startsWith(Domain.FILESYSTEM) ? Optional.of(Path.of(location.substring(Domain.FILESYSTEM.length())))
                : Optional.empty();
    }

    /** {@code location} as Flyway takes it. */
    static String flywayLocation(String location) {
        return folder(location).isPresent() ? location : "classpath:" + location;
    }

    private static List<String> names(String location, ClassLoader classLoader) {
        try {
            Optional<Path> folder = folder(location);
            if (folder.isPresent()) {
                return Files.isDirectory(folder.get()) ? list(folder.get()) : List.of();
            }
            TreeSet<String> names = new TreeSet<>();
            for (URL url : Collections.list(classLoader.getResources(location))) {
                names.addAll(list(url, location));
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(String location, String file, ClassLoader classLoader) {
        try {
            Optional<Path> folder = folder(location);
            if (folder.isPresent()) {
                Path path = folder.get().resolve(file);
                return Files.isRegularFile(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8)) : Optional.empty();
            }
            try (InputStream in = classLoader.getResourceAsStream(location + "/" + file)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new MigrationException("cannot read " + location + "/" + file + ": " + e.getMessage(), e);
        }
    }

    /** The names of the files directly under {@code location} at {@code url}, one classpath root's share of it. */
    static List<String> list(URL url, String location) throws IOException {
        if (url.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = location + "/";
                return jar.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith(prefix) && name.length() > prefix.length() && name.indexOf('/', prefix.length()) < 0)
                        .map(name -> name.substring(prefix.length())).sorted().toList();
            }
        }
        if (!url.getProtocol().equals("file")) {
            return List.of(); // a classpath this class cannot list: left to Flyway
        }
        try {
            return list(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
