package dev.publicsafety.dal.bench;

import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.jsonb.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The baselines for transmission ingest: a batch written by hand in COPY's CSV format and in its
 * binary format, each sent with the driver's COPY in one transaction.
 */
final class RawTransmissionCopy {

    private static final String COLUMNS = "fleet.transmissions (id, org_id, channel_id, started_at, ended_at, audio_ref,"
            + " transcription, transcription_confidence, language, entities, metadata)";
    private static final String CSV_SQL = "COPY " + COLUMNS + " FROM STDIN (FORMAT csv)";
    private static final String BINARY_SQL = "COPY " + COLUMNS + " FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    /** PostgreSQL's timestamp epoch. */
    private static final OffsetDateTime EPOCH_2000 = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

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
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CSV_SQL, new StringReader(csv.toString()));
            connection.commit();
            return copied;
        }
    }

    /** The same rows in COPY's binary format: no text to parse on the server. */
    static long copyBinary(DataSource owner, UUID org, List<NewTransmission> batch) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 300);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0); // flags
        out.writeInt(0); // header extension length
        for (NewTransmission t : batch) {
            out.writeShort(11);
            uuid(out, UUID.randomUUID());
            uuid(out, org);
            uuid(out, t.channelId());
            timestamp(out, t.startedAt());
            timestamp(out, t.endedAt());
            text(out, t.audioRef());
            text(out, t.transcription());
            if (t.transcriptionConfidence() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(8);
                out.writeDouble(t.transcriptionConfidence());
            }
            text(out, t.language());
            jsonb(out, JsonMapper.shared().writeValueAsString(t.entities()));
            jsonb(out, "{}");
        }
        out.writeShort(-1);
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(BINARY_SQL, new ByteArrayInputStream(bytes.toByteArray()));
            connection.commit();
            return copied;
        }
    }

    private static void uuid(DataOutputStream out, UUID value) throws IOException {
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void timestamp(DataOutputStream out, OffsetDateTime value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(8);
        out.writeLong(ChronoUnit.MICROS.between(EPOCH_2000, value));
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void jsonb(DataOutputStream out, String json) throws IOException {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length + 1);
        out.writeByte(1); // jsonb binary format version
        out.write(utf8);
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        return out.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
