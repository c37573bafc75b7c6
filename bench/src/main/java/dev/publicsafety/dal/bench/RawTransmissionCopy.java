package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.NewTransmission;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.io.StringReader;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** The baseline for transmission ingest: a hand-written CSV of a batch, sent with the driver's COPY in one transaction. */
final class RawTransmissionCopy {

    private static final String COPY_SQL = "COPY fleet.transmissions (id, org_id, channel_id, started_at, ended_at, audio_ref,"
            + " transcription, transcription_confidence, language, entities, metadata) FROM STDIN (FORMAT csv)";

    private RawTransmissionCopy() {
    }

    static long copy(DataSource owner, UUID org, List<NewTransmission> batch) throws Exception {
        StringBuilder csv = new StringBuilder(batch.size() * 300);
        for (NewTransmission t : batch) {
            csv.append(UUID.randomUUID()).append(',').append(org).append(',').append(t.channelId()).append(',')
                    .append(t.startedAt()).append(',').append(t.endedAt()).append(',');
            quote(csv, t.audioRef()).append(',');
            quote(csv, t.transcription()).append(',').append(t.transcriptionConfidence()).append(',').append(t.language()).append(',');
            quote(csv, JsonMapper.shared().writeValueAsString(t.entities())).append(',');
            quote(csv, "{}").append('\n');
        }
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new StringReader(csv.toString()));
            connection.commit();
            return copied;
        }
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        return out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
