package dev.publicsafety.dal.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering of a domain's migration files as a linear history needs it: one file per version,
 * no gap. Two people adding a migration at once both take the next number (the {@code merge heads}
 * of a linear history is renumbering one of them): each problem names the renumbering to do.
 */
public final class MigrationNumbering {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.sql");

    private MigrationNumbering() {
    }

    /** The whole-number versions among {@code fileNames}, each with its files, in order. */
    public static TreeMap<Integer, List<String>> versions(List<String> fileNames) {
        TreeMap<Integer, List<String>> versions = new TreeMap<>();
        for (String name : fileNames) {
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                versions.computeIfAbsent(Integer.parseInt(m.group(1)), v -> new ArrayList<>()).add(name);
            }
        }
        versions.values().forEach(files -> files.sort(null));
        return versions;
    }

    /** Two files with one version, or a version missing, each with the renumbering that fixes it. */
    public static List<ValidationProblem> problems(Domain domain, List<String> fileNames) {
        TreeMap<Integer, List<String>> versions = versions(fileNames);
        List<ValidationProblem> problems = new ArrayList<>();
        int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        int expected = 1;
        for (Map.Entry<Integer, List<String>> version : versions.entrySet()) {
            List<String> files = version.getValue();
            String first = files.get(0);
            if (version.getKey() > expected) {
                problems.add(new ValidationProblem(domain, version.getKey().toString(), first, "no version " + expected
                        + (version.getKey() - 1 > expected ? " to " + (version.getKey() - 1) : "") + " before it; renumber it to "
                        + renumbered(first, expected) + " (and its undo), unless it was applied already"));
            }
            for (String twin : files.subList(1, files.size())) {
                problems.add(new ValidationProblem(domain, version.getKey().toString(), twin, "has the version of " + first
                        + "; renumber it to " + renumbered(twin, next) + " (and its undo U" + version.getKey() + " to U" + next + ")"));
                next++;
            }
            expected = version.getKey() + 1;
        }
        return problems;
    }

    private static String renumbered(String file, int version) {
        return file.replaceFirst("^V\\d+__", "V" + version + "__");
    }
}
