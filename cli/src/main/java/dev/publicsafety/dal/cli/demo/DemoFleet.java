package dev.publicsafety.dal.cli.demo;

import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_BASES;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_CHAIN_HEADS;
import static dev.publicsafety.dal.generated.fleet.Tables.AUDIT_LOGS;
import static dev.publicsafety.dal.generated.fleet.Tables.ORGANIZATIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The demo organizations in a database. Each records in its metadata the seed, scale and anchor
 * time it was generated with, so the tour can be shown again for data generated earlier, and gets
 * the feature flag {@value #COMPLETE} as the generator's very last write: an organization without
 * it is what an interrupted generation left behind.
 */
public record DemoFleet(List<Organization> organizations) {

    /** Feature flag set on every demo organization once the whole fleet is generated. */
    public static final String COMPLETE = "demo_complete";

    /** One demo organization. {@code anchor} is the "now" the data was generated around. */
    public record Organization(UUID id, String name, String slug, String prefix, long seed, double scale, OffsetDateTime anchor) {
    }

    public DemoFleet {
        organizations = List.copyOf(organizations);
    }

    static Map<String, Object> metadata(long seed, double scale, OffsetDateTime anchor) {
        return Map.of("demo", Map.of("seed", seed, "scale", scale, "anchor", anchor.toString()));
    }

    /**
     * The demo organizations already in the database, if all are there and complete. Needs a
     * connection that sees every organization (the owner's): it is a cross-tenant question.
     */
    public static Optional<DemoFleet> find(DataSource owner) {
        List<Organization> found = new ArrayList<>();
        try (Connection connection = owner.getConnection()) {
            org.jooq.DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            for (DemoProfile profile : DemoProfile.ALL) {
                var row = dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.METADATA).from(ORGANIZATIONS)
                        .where(ORGANIZATIONS.SLUG.eq(profile.slug())).and(complete()).fetchOptional();
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                var demo = dev.publicsafety.dal.jsonb.JsonMapper.shared().readTree(row.get().value3().data()).path("demo");
                found.add(new Organization(row.get().value1(), row.get().value2(), profile.slug(), profile.prefix(),
                        demo.path("seed").asLong(), demo.path("scale").asDouble(),
                        demo.hasNonNull("anchor") ? OffsetDateTime.parse(demo.get("anchor").asText()) : OffsetDateTime.now()));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataAccessException("cannot look for existing demo data: " + e.getMessage(), e);
        }
        return Optional.of(new DemoFleet(found));
    }

    /**
     * What an interrupted generation left: the demo organizations (demo slug and demo metadata) of a
     * fleet that {@link #find} does not find complete. All of them, since the generator marks them
     * {@link #COMPLETE} one after the other and starts over with every one.
     */
    public static List<UUID> unfinished(DataSource owner) {
        if (find(owner).isPresent()) {
            return List.of();
        }
        try (Connection connection = owner.getConnection()) {
            return DSL.using(connection, SQLDialect.POSTGRES).select(ORGANIZATIONS.ID).from(ORGANIZATIONS)
                    .where(ORGANIZATIONS.SLUG.in(DemoProfile.ALL.stream().map(DemoProfile::slug).toList()))
                    .and(DSL.condition("{0} @> {1}", ORGANIZATIONS.METADATA, DSL.val(JSONB.valueOf("{\"demo\": {}}"))))
                    .fetch(ORGANIZATIONS.ID);
        } catch (SQLException e) {
            throw new DataAccessException("cannot look for existing demo data: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes unfinished demo organizations with everything they hold, their audit rows and audit
     * chains included, in one transaction. The audit trail's triggers are switched off for it, so
     * this needs the owner of the fleet tables; it is only ever given what {@link #unfinished} found.
     */
    public static void discard(DataSource owner, List<UUID> organizations) {
        try (Connection connection = owner.getConnection()) {
            DSL.using(connection, SQLDialect.POSTGRES).transaction(tx -> {
                tx.dsl().execute(DSL.query("ALTER TABLE {0} DISABLE TRIGGER audit_logs_no_update_delete", AUDIT_LOGS));
                tx.dsl().deleteFrom(AUDIT_LOGS).where(AUDIT_LOGS.ORG_ID.in(organizations)).execute();
                tx.dsl().deleteFrom(AUDIT_CHAIN_HEADS).where(AUDIT_CHAIN_HEADS.ORG_ID.in(organizations)).execute();
                tx.dsl().deleteFrom(AUDIT_CHAIN_BASES).where(AUDIT_CHAIN_BASES.ORG_ID.in(organizations)).execute();
                tx.dsl().deleteFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.in(organizations)).execute();
                tx.dsl().execute(DSL.query("ALTER TABLE {0} ENABLE TRIGGER audit_logs_no_update_delete", AUDIT_LOGS));
            });
        } catch (SQLException e) {
            throw new DataAccessException("cannot remove the unfinished demo organizations: " + e.getMessage(), e);
        }
    }

    private static Condition complete() {
        return DSL.condition("{0} @> {1}", ORGANIZATIONS.FEATURE_FLAGS, DSL.val(Map.of(COMPLETE, true), ORGANIZATIONS.FEATURE_FLAGS));
    }
}
