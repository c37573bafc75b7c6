package dev.publicsafety.dal.fleet.internal;

import dev.publicsafety.dal.error.InvalidInputException;
import java.util.Collection;
import java.util.List;

/** Incident tags: short, non-blank, trimmed, without duplicates. */
public final class Tags {

    private Tags() {
    }

    public static List<String> check(Collection<String> tags) {
        if (tags == null) {
            return List.of();
        }
        for (String tag : tags) {
            if (tag == null || tag.isBlank() || tag.length() > 100) {
                throw new InvalidInputException("tags", "tag '" + tag + "' must be 1 to 100 characters");
            }
        }
        return tags.stream().map(String::strip).distinct().toList();
    }
}
