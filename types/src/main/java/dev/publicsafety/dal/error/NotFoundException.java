package dev.publicsafety.dal.error;

/**
 * No row with this key where the caller may see it: it does not exist, is soft-deleted, or belongs
 * to another organization (which a tenant cannot tell apart from not existing). Nothing was written.
 */
public class NotFoundException extends DalException {

    private static final long serialVersionUID = 1L;

    private final String entityType;
    private final String key;

    /**
     * @param entityType the table, e.g. {@code incidents} or {@code call_sessions}
     * @param key        the id or other key that was looked for
     * @param message    one line naming what was looked for and where
     */
    public NotFoundException(String entityType, Object key, String message) {
        super(message);
        this.entityType = entityType;
        this.key = String.valueOf(key);
    }

    /** The table looked in. */
    public String entityType() {
        return entityType;
    }

    /** The id or key looked for, as text. */
    public String key() {
        return key;
    }
}
