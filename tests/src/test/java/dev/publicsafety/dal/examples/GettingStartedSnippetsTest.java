package dev.publicsafety.dal.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows only code the example projects (examples/, built and run by CI)
 * compile and run: every java, xml and properties block of the guide is a tagged region of an
 * example, and every tagged region is shown. Blocks in other languages (the Gradle snippet, shell
 * commands) are not checked.
 */
class GettingStartedSnippetsTest {

    private static final Path GUIDE = Path.of("..", "docs", "getting-started.md");
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Set<String> CHECKED = Set.of("java", "xml", "properties");
    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);

    @Test
    void shouldShowEveryCheckedBlockAsARegionOfAnExample() throws IOException {
        Collection<String> regions = TaggedRegions.under(EXAMPLES).values();
        List<String> blocks = checkedBlocks();
        List<String> unknown = blocks.stream().filter(block -> !regions.contains(block)).toList();
        assertEquals(List.of(), unknown, GUIDE + " shows code that no tagged region of " + EXAMPLES
                + " holds as it is (change the example and copy its region into the guide)");
        for (String language : CHECKED) {
            assertTrue(Files.readString(GUIDE).contains("```" + language + "\n"), "the guide has no " + language + " block to check");
        }
    }

    @Test
    void shouldShowEveryTaggedRegionOfTheExamples() throws IOException {
        List<String> blocks = checkedBlocks();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> region : TaggedRegions.under(EXAMPLES).entrySet()) {
            if (!blocks.contains(region.getValue())) {
                missing.add(region.getKey());
            }
        }
        assertEquals(List.of(), missing, "tagged regions of " + EXAMPLES + " that " + GUIDE + " does not show as they are");
    }

    private static List<String> checkedBlocks() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(Files.readString(GUIDE));
        while (fence.find()) {
            if (CHECKED.contains(fence.group(1))) {
                blocks.add(TaggedRegions.normalized(fence.group(2)));
            }
        }
        return blocks;
    }
}
