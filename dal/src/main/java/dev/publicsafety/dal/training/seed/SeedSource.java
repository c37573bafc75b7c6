package dev.publicsafety.dal.training.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where scenario files come from: a directory, or the files bundled in the seed-data jar. */
public final class SeedSource {

    /** Classpath folder of the bundled scenarios and their JSON Schema. */
    public static final String BUNDLED_FOLDER = "scenarios";
    public static final String SCHEMA_FILE = "scenario.schema.json";

    /** A scenario file's name (for messages) and its text. */
    public record SourceFile(String name, String content) {
    }

    private SeedSource() {
    }

    /** Every {@code *.json} in {@code directory} except the schema, sorted by name. */
    public static List<SourceFile> directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("seed directory " + directory + " does not exist or is not a directory");
        }
        return read(directory);
    }

    /** The scenarios bundled in the seed-data jar (or its classes folder in a build). */
    public static synchronized List<SourceFile> bundled() {
        URL schema = SeedSource.class.getClassLoader().getResource(BUNDLED_FOLDER + "/" + SCHEMA_FILE);
        if (schema == null) {
            throw new IllegalStateException("the seed-data jar is not on the classpath: " + BUNDLED_FOLDER + "/" + SCHEMA_FILE + " not found");
        }
        try {
            URI uri = schema.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(BUNDLED_FOLDER));
                } catch (FileSystemAlreadyExistsException e) {
                    // Someone else has the jar open as a file system: read through theirs, leave it open.
                    return read(FileSystems.getFileSystem(uri).getPath(BUNDLED_FOLDER));
                }
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the bundled scenarios: " + e.getMessage(), e);
        }
    }

    private static List<SourceFile> read(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(SCHEMA_FILE))
                    .sorted()
                    .map(SeedSource::load)
                    .toList();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("seed directory " + folder + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static SourceFile load(Path path) {
        try {
            return new SourceFile(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
