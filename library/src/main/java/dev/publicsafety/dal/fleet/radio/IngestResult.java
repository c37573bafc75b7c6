package dev.publicsafety.dal.fleet.radio;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of one {@link TransmissionRepository#bulkIngest} batch.
 *
 * @param batchId the id of the batch's single audit row ({@code entity_id}, action {@code bulk_ingest})
 * @param ids      the batch's transmissions' ids, in input order
 * @param replayed true when the batch was already stored under this id and nothing was written
 *                 ({@link TransmissionRepository#bulkIngest(UUID, List)})
 */
public record IngestResult(UUID batchId, List<UUID> ids, boolean replayed) {

    public IngestResult {
        ids = List.copyOf(ids);
    }

    public int count() {
        return ids.size();
    }
}
