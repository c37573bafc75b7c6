package dev.publicsafety.dal.training.seed;

import java.util.List;

/** What a seeding run did (or, for a dry run, would do), by scenario key. */
public record SeedReport(List<String> inserted, List<String> updated, List<String> unchanged, List<String> deactivated,
                         boolean dryRun) {

    public SeedReport {
        inserted = List.copyOf(inserted);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        deactivated = List.copyOf(deactivated);
    }

    /** Rows written (or that would be): everything but the unchanged. */
    public int changes() {
        return inserted.size() + updated.size() + deactivated.size();
    }

    @Override
    public String toString() {
        return (dryRun ? "dry run, nothing written: would have " : "") + "inserted " + inserted.size() + ", updated "
                + updated.size() + ", unchanged " + unchanged.size() + ", deactivated " + deactivated.size();
    }
}
