package dev.publicsafety.dal.training.seed;

import dev.publicsafety.dal.connect.OneLine;

/**
 * One problem in one seed file, located the way editors and compilers do:
 * {@code heart-attack.json:12:14: $.caller_profile.age: must have a maximum value of 110}.
 * Control characters (in a file or property name) are escaped, so it is always one line.
 */
public record SeedError(String file, String jsonPath, int line, int column, String message) {

    @Override
    public String toString() {
        return OneLine.escape(file + ":" + line + ":" + column + ": " + jsonPath + ": " + message);
    }
}
