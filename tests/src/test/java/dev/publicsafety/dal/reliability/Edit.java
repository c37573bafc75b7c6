package dev.publicsafety.dal.reliability;

/**
 * One editor's attempt to change an incident: the version it read, and what became of it (the
 * version it produced, or the version the conflict reported).
 *
 * @param editor        which thread
 * @param cycle         which read-then-update cycle of that thread
 * @param title         the title this edit writes, unique per attempt, so the audit trail shows whose change it is
 * @param readVersion   the version the editor read and passed back
 * @param won           whether the update was applied
 * @param resultVersion the incident's version after a won edit; for a lost one, the version the conflict reported
 */
record Edit(int editor, int cycle, String title, int readVersion, boolean won, Integer resultVersion) {
}
