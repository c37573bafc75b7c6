package dev.publicsafety.dal.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The row ids of a bulk batch, derived from the batch's id: a resend of the same batch carries the
 * same ids, so a batch whose commit reached the server but whose answer did not is recognised (and
 * cannot be stored twice: the primary key refuses the second copy).
 */
public final class BatchIds {

    private BatchIds() {
    }

    /** {@code count} ids, the i-th a name-based (version 3) UUID of the batch id and i. */
    public static List<UUID> of(UUID batchId, int count) {
        List<UUID> ids = new ArrayList<>(count);
        ByteBuffer name = ByteBuffer.allocate(20);
        name.putLong(batchId.getMostSignificantBits()).putLong(batchId.getLeastSignificantBits());
        for (int i = 0; i < count; i++) {
            ids.add(UUID.nameUUIDFromBytes(name.putInt(16, i).array()));
        }
        return ids;
    }
}
