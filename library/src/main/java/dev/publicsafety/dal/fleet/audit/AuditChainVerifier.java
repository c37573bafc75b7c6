package dev.publicsafety.dal.fleet.audit;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_BASES;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_HEADS;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;

import dev.publicsafety.dal.Instrumentation;
import dev.publicsafety.dal.internal.DalMeters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Recomputes the hash chain of {@code fleet.audit_logs} (migration V3) and names the first broken
 * link of each organization: a missing position (a deleted row), a row whose content no longer
 * matches its hash (edited, moved, or forged without recomputing), a row outside the chain, a chain
 * shorter than its head row or than a published {@link Checkpoint}.
 *
 * <p>The content digest is recomputed with PostgreSQL's built-in functions, schema-qualified, and
 * the chaining is done here: a replaced {@code fleet.audit_content_digest} cannot fool it. The
 * expression must stay equal to that function's (a clean chain verifying is the test of it).
 * Someone who can write the table <em>and</em> recompute every later hash (the owner) can rewrite
 * the chain after the last checkpoint kept outside the database; only checkpoints catch that.
 *
 * <p>Once retention has detached old months ({@code dal partitions retain}), an organization's chain
 * in the table starts after the link recorded in {@code fleet.audit_chain_bases}: verification
 * starts from that link's hash, and a checkpoint older than it can only be compared if it is that
 * very link (the detached rows are not read).
 */
public final class AuditChainVerifier {

    private static final String UTC_FORMAT = "YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"";
    private static final int FETCH_SIZE = 5_000;

    private final DataSource dataSource;
    /** Null: verifications are not counted. */
    private final DalMeters meters;

    public AuditChainVerifier(DataSource dataSource) {
        this(dataSource, Instrumentation.off());
    }

    /**
     * Counting each organization's chain it verifies in {@code instrumentation}'s meter registry, if it
     * has one: {@code dal.audit.verifications}, tagged {@code dal.outcome} {@code intact} or {@code broken}.
     */
    public AuditChainVerifier(DataSource dataSource, Instrumentation instrumentation) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.meters = DalMeters.of(Objects.requireNonNull(instrumentation, "instrumentation"));
    }

    /** The last link of an organization's chain, to keep outside the database: {@code org:seq:sha256hex}. */
    public record Checkpoint(UUID org, long seq, String hash) {

        public static Checkpoint parse(String text) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3 || !parts[2].matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("checkpoint '" + text + "' is not ORG:SEQ:SHA256HEX (as dal audit checkpoint prints it)");
            }
            try {
                return new Checkpoint(UUID.fromString(parts[0]), Long.parseLong(parts[1]), parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint '" + text + "' is not ORG:SEQ:SHA256HEX: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return org + ":" + seq + ":" + hash;
        }
    }

    /**
     * One organization's chain: how many rows, its last link, and the first problem if any, with the
     * row at that link when the break is at a row (not a missing head row or a removed tail).
     */
    public record Result(UUID org, long rows, Checkpoint head, Optional<String> brokenLink, Optional<UUID> brokenRow) {

        public boolean intact() {
            return brokenLink.isEmpty();
        }
    }

    /**
     * Every organization's chain, or only {@code org}'s; {@code checkpoints} must each still be in their chain.
     * The verification is recorded in {@code fleet.audit_verifications} ({@link AuditVerifications}) in the
     * transaction that read the chains, committed only once every row was read and checked: a
     * verification that fails with an error records nothing. On a database whose fleet is below V13 it
     * verifies and records nothing.
     */
    public List<Result> verify(Optional<UUID> org, List<Checkpoint> checkpoints) {
        Map<UUID, Chain> chains = new LinkedHashMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (org.isEmpty() || org.get().equals(checkpoint.org())) {
                chains.computeIfAbsent(checkpoint.org(), Chain::new).checkpoints.add(checkpoint);
            }
        }
        org.ifPresent(id -> chains.computeIfAbsent(id, Chain::new));
        List<Result> results;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a cursor, so that a long trail is streamed; and the record with the reading
            boolean done = false;
            try {
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                Condition baseScope = org.map(AUDIT_CHAIN_BASES.ORG_ID::eq).orElse(DSL.noCondition());
                for (Record base : dsl.select(AUDIT_CHAIN_BASES.ORG_ID, AUDIT_CHAIN_BASES.BASE_SEQ, AUDIT_CHAIN_BASES.BASE_HASH)
                        .from(AUDIT_CHAIN_BASES).where(baseScope).fetch()) {
                    chains.computeIfAbsent(base.get(AUDIT_CHAIN_BASES.ORG_ID), Chain::new)
                            .startAfter(base.get(AUDIT_CHAIN_BASES.BASE_SEQ), base.get(AUDIT_CHAIN_BASES.BASE_HASH));
                }
                Condition scope = org.map(AUDIT_LOGS.ORG_ID::eq).orElse(DSL.noCondition());
                try (Cursor<Record5<UUID, Long, UUID, byte[], byte[]>> rows = dsl
                        .select(AUDIT_LOGS.ORG_ID, AUDIT_LOGS.CHAIN_SEQ, AUDIT_LOGS.ID, AUDIT_LOGS.ROW_HASH, contentDigest())
                        .from(AUDIT_LOGS).where(scope)
                        .orderBy(AUDIT_LOGS.ORG_ID, AUDIT_LOGS.CHAIN_SEQ.asc().nullsLast())
                        .fetchSize(FETCH_SIZE).fetchLazy()) {
                    for (Record5<UUID, Long, UUID, byte[], byte[]> row : rows) {
                        chains.computeIfAbsent(row.value1(), Chain::new).add(row.value2(), row.value3(), row.value4(), row.value5());
                    }
                }
                Condition headScope = org.map(AUDIT_CHAIN_HEADS.ORG_ID::eq).orElse(DSL.noCondition());
                for (Record head : dsl.select(AUDIT_CHAIN_HEADS.ORG_ID, AUDIT_CHAIN_HEADS.CHAIN_SEQ, AUDIT_CHAIN_HEADS.ROW_HASH)
                        .from(AUDIT_CHAIN_HEADS).where(headScope).fetch()) {
                    chains.computeIfAbsent(head.get(AUDIT_CHAIN_HEADS.ORG_ID), Chain::new)
                            .head(head.get(AUDIT_CHAIN_HEADS.CHAIN_SEQ), head.get(AUDIT_CHAIN_HEADS.ROW_HASH));
                }
                results = chains.values().stream().map(Chain::result).toList();
                AuditVerifications.record(dsl, org, results);
                connection.commit();
                done = true;
            } finally {
                if (!done) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the audit trail: " + e.getMessage(), e);
        }
        if (meters != null) {
            results.forEach(result -> meters.auditChainVerified(result.intact()));
        }
        return results;
    }

    /** sha256 of the row's canonical content, exactly as {@code fleet.audit_content_digest} computes it. */
    private static Field<byte[]> contentDigest() {
        Field<?>[] v3 = {AUDIT_LOGS.ID, AUDIT_LOGS.ORG_ID, AUDIT_LOGS.CHAIN_SEQ, AUDIT_LOGS.ACTOR_ID, AUDIT_LOGS.ACTOR,
                AUDIT_LOGS.ACTION, AUDIT_LOGS.ENTITY_TYPE, AUDIT_LOGS.ENTITY_ID, AUDIT_LOGS.BEFORE_STATE, AUDIT_LOGS.AFTER_STATE,
                utc(AUDIT_LOGS.OCCURRED_AT), utc(AUDIT_LOGS.CREATED_AT)};
        // V4 appends the request's origin only when the row has one, so rows without it hash as under V3
        Field<?>[] v4 = Arrays.copyOf(v3, v3.length + 2);
        v4[v3.length] = builtIn("host", String.class, AUDIT_LOGS.IP_ADDRESS);
        v4[v3.length + 1] = AUDIT_LOGS.CORRELATION_ID;
        Field<JSONB> content = DSL.when(AUDIT_LOGS.IP_ADDRESS.isNull().and(AUDIT_LOGS.CORRELATION_ID.isNull()),
                        builtIn("jsonb_build_array", JSONB.class, v3))
                .otherwise(builtIn("jsonb_build_array", JSONB.class, v4));
        return builtIn("sha256", byte[].class, builtIn("convert_to", byte[].class, content.cast(SQLDataType.CLOB), DSL.inline("UTF8")));
    }

    private static Field<String> utc(Field<OffsetDateTime> timestamp) {
        return builtIn("to_char", String.class, builtIn("timezone", LocalDateTime.class, DSL.inline("UTC"), timestamp),
                DSL.inline(UTC_FORMAT));
    }

    private static <T> Field<T> builtIn(String name, Class<T> type, Field<?>... arguments) {
        return DSL.function(DSL.name("pg_catalog", name), type, arguments);
    }

    /** One organization's chain as it streams by, in chain order. */
    private static final class Chain {

        private final UUID org;
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private final MessageDigest sha256;
        private long rows;
        private long lastSeq;
        private byte[] lastHash = new byte[0];
        private String broken;
        /** The row where {@link #broken} was found, if it was found at a row. */
        private UUID brokenRow;
        private boolean headSeen;

        Chain(UUID org) {
            this.org = org;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
        }

        /** Retention detached links 1 to {@code seq}: the chain in the table goes on from that link. */
        void startAfter(long seq, byte[] hash) {
            lastSeq = seq;
            lastHash = hash;
            for (Checkpoint checkpoint : checkpoints) {
                if (checkpoint.seq() == seq && !checkpoint.hash().equals(hex(hash))) {
                    broken = "link #" + seq + ", where retention cut the chain, differs from checkpoint " + checkpoint
                            + ": the chain was rewritten up to there";
                }
            }
        }

        void add(Long seq, UUID id, byte[] hash, byte[] contentDigest) {
            rows++;
            if (broken != null) {
                return;
            }
            check(seq, id, hash, contentDigest);
            if (broken != null) {
                brokenRow = id;
            }
        }

        private void check(Long seq, UUID id, byte[] hash, byte[] contentDigest) {
            long expected = lastSeq + 1;
            if (seq == null) {
                broken = "row " + id + " has no place in the chain (inserted with the chain trigger off: forged)";
            } else if (seq < expected) {
                broken = "link #" + seq + " appears twice (row " + id + "): rows were copied or moved";
            } else if (seq > expected) {
                broken = "link" + (seq - 1 > expected ? "s #" + expected + "-#" + (seq - 1) : " #" + expected)
                        + " missing before row " + id + ": rows were deleted";
            } else {
                sha256.update(lastHash);
                byte[] computed = sha256.digest(contentDigest);
                if (!Arrays.equals(computed, hash)) {
                    broken = "link #" + seq + " (row " + id + ") does not match its hash: the row was edited, moved or forged";
                    return;
                }
                for (Checkpoint checkpoint : checkpoints) {
                    if (checkpoint.seq() == seq && !checkpoint.hash().equals(hex(hash))) {
                        broken = "link #" + seq + " (row " + id + ") differs from checkpoint " + checkpoint
                                + ": the chain was rewritten up to there";
                        return;
                    }
                }
                lastSeq = seq;
                lastHash = hash;
            }
        }

        void head(long seq, byte[] hash) {
            headSeen = true;
            if (broken == null && (seq != lastSeq || !Arrays.equals(hash, lastHash))) {
                broken = "the chain ends at link #" + lastSeq + " but its head row says #" + seq
                        + (seq > lastSeq ? ": the last rows were deleted" : ": the head row was altered");
            }
        }

        Result result() {
            if (broken == null && rows > 0 && !headSeen) {
                broken = "the chain has no head row in fleet.audit_chain_heads: it was deleted";
            }
            if (broken == null) {
                for (Checkpoint checkpoint : checkpoints) {
                    if (checkpoint.seq() > lastSeq) {
                        broken = "the chain ends at link #" + lastSeq + " but checkpoint " + checkpoint
                                + " was published: the rows after #" + lastSeq + " were removed";
                        break;
                    }
                }
            }
            return new Result(org, rows, new Checkpoint(org, lastSeq, hex(lastHash)), Optional.ofNullable(broken),
                    Optional.ofNullable(brokenRow));
        }

        private static String hex(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    }
}
