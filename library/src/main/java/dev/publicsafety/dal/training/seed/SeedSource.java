package dev.publicsafety.dal.training.seed;

import dev.publicsafety.dal.connect.OneLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
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
    /** Files larger than this are refused unless a caller raises the limit: 10 MB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    /**
     * A scenario file's name (for messages) and its text; or, when it could not be read (not a
     * regular file, too large, not UTF-8), no text and the error that says why.
     */
    public record SourceFile(String name, String content, SeedError unreadable) {

        public SourceFile(String name, String content) {
            this(name, content, null);
        }
    }

    private SeedSource() {
    }

    /** Every {@code *.json} in {@code directory} except the schema, sorted by name, each at most 10 MB. */
    public static List<SourceFile> directory(Path directory) {
        return directory(directory, DEFAULT_MAX_FILE_SIZE);
    }

    /** Every {@code *.json} in {@code directory} except the schema, sorted by name, each at most {@code maxFileSize} bytes. */
    public static List<SourceFile> directory(Path directory, long maxFileSize) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("seed directory " + OneLine.escape(directory.toString())
                    + " does not exist or is not a directory");
        }
        return read(directory, maxFileSize);
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
                    return read(jar.getPath(BUNDLED_FOLDER), DEFAULT_MAX_FILE_SIZE);
                } catch (FileSystemAlreadyExistsException e) {
                    // Someone else has the jar open as a file system: read through theirs, leave it open.
                    return read(FileSystems.getFileSystem(uri).getPath(BUNDLED_FOLDER), DEFAULT_MAX_FILE_SIZE);
                }
            }
            return read(Path.of(uri).getParent(), DEFAULT_MAX_FILE_SIZE);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the bundled scenarios: " + e.getMessage(), e);
        }
    }

    private static List<SourceFile> read(Path folder, long maxFileSize) {
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals(SCHEMA_FILE))
                    .sorted()
                    .map(file -> SeedFileReader.read(file, maxFileSize))
                    .toList();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("seed directory " + OneLine.escape(folder.toString()) + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + OneLine.escape(folder.toString()) + ": " + e.getMessage(), e);
        }
    }
}
