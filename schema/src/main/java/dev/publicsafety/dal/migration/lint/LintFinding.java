package dev.publicsafety.dal.migration.lint;

/** One unsafe statement: where it is and which rule it breaks. */
public record LintFinding(String file, int line, LintRule rule, String statement) {

    /** {@code FILE:LINE: rule: why; safe: rewrite}, one line. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + rule.id() + ": " + rule.why() + "; safe: " + rule.safe();
    }
}
