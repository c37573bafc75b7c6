package dev.publicsafety.dal.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The regions of the example projects marked {@code tag::name[]} … {@code end::name[]} (in any
 * comment syntax: {@code //}, {@code <!-- -->}, {@code #}), as the documentation shows them: the
 * marker lines left out, a name used twice joined in file order, common indentation removed.
 */
final class TaggedRegions {

    private static final Pattern MARKER = Pattern.compile("(tag|end)::([\\w-]+)\\[]");

    private TaggedRegions() {
    }

    /** Region name to text, for every source, pom and properties file under {@code root} (build output excluded). */
    static Map<String, String> under(Path root) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(TaggedRegions::isSource).sorted().toList()) {
                collect(file, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> regions = new LinkedHashMap<>();
        lines.forEach((name, body) -> regions.put(name, normalized(String.join("\n", body))));
        return regions;
    }

    /** A snippet as it is compared: common indentation and surrounding blank lines removed. */
    static String normalized(String text) {
        return text.stripIndent().strip();
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        boolean built = false;
        for (Path part : file) {
            built |= part.toString().equals("target");
        }
        return !built && Files.isRegularFile(file)
                && (name.endsWith(".java") || name.endsWith(".xml") || name.endsWith(".properties"));
    }

    private static void collect(Path file, Map<String, List<String>> regions) {
        List<String> open = new ArrayList<>();
        List<String> content;
        try {
            content = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < content.size(); i++) {
            String line = content.get(i);
            Matcher marker = MARKER.matcher(line);
            if (marker.find()) {
                String name = marker.group(2);
                if (marker.group(1).equals("tag")) {
                    open.add(name);
                    regions.computeIfAbsent(name, n -> new ArrayList<>());
                } else if (!open.remove(name)) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": end::" + name + "[] without its tag::" + name + "[]");
                }
                continue;
            }
            for (String name : open) {
                regions.get(name).add(line);
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(file + ": tag::" + open.get(0) + "[] is never ended");
        }
    }
}
