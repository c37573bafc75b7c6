package dev.publicsafety.dal.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The corpus of hostile input: {@code hostile-strings.txt} (one string a line, taken literally,
 * {@code ##} lines are comments) plus strings a text file cannot hold reliably: very long ones,
 * control characters, leading and trailing blanks, the empty string.
 */
final class HostileStrings {

    private HostileStrings() {
    }

    static List<String> load() {
        Set<String> strings = new LinkedHashSet<>();
        try (InputStream in = HostileStrings.class.getClassLoader().getResourceAsStream("hostile-strings.txt")) {
            if (in == null) {
                throw new IllegalStateException("hostile-strings.txt is not on the test class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.startsWith("##") && !line.isEmpty()) {
                    strings.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        strings.add("");
        strings.add("   ");
        strings.add(" leading blank");
        strings.add("trailing blank ");
        strings.add("tab\there");
        strings.add("two\nlines");
        strings.add("carriage\r\nreturn");
        strings.add("bell\u0007 escape\u001b[31m red");
        strings.add("'".repeat(10_000));
        strings.add("' OR 1=1 -- ".repeat(1_000));
        strings.add("x".repeat(51));
        strings.add("y".repeat(101));
        strings.add("z".repeat(256));
        strings.add("\uD835\uDD4A\uD835\uDD3C\uD835\uDD43\uD835\uDD3C\u2102\uD835\uDD4B");   // SELECT in mathematical double-struck letters
        return new ArrayList<>(strings);
    }
}
