package dev.publicsafety.dal.migration;

/** An applied migration that no longer matches the files, or a file that no longer matches history. */
public record ValidationProblem(Domain domain, String version, String script, String problem) {

    @Override
    public String toString() {
        return domain.schema() + " V" + version + (script == null || script.isBlank() ? "" : " (" + script + ")") + ": " + problem;
    }
}
