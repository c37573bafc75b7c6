package dev.publicsafety.dal.fleet.radio;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of one {@link TransmissionRepository#bulkIngest} batch.
 *
 * @param batchId the id of the batch's single audit row ({@code entity_id}, action {@code bulk_ingest})
 * @param ids     the new transmissions' ids, in input order
 */
public record IngestResult(UUID batchId, List<UUID> ids) {

    public IngestResult {
        ids = List.copyOf(ids);
    }

    public int count() {
        return ids.size();
    }
}
