package dev.publicsafety.dal.fleet.demo;

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
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The demo organizations in a database. Each records in its metadata the seed, scale and anchor
 * time it was generated with, so the tour can be shown again for data generated earlier.
 */
public record DemoFleet(List<Organization> organizations) {

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
     * The demo organizations already in the database, if all are there. Needs a connection that
     * sees every organization (the owner's): it is a cross-tenant question.
     */
    public static Optional<DemoFleet> find(DataSource owner) {
        List<Organization> found = new ArrayList<>();
        try (Connection connection = owner.getConnection()) {
            org.jooq.DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            for (DemoProfile profile : DemoProfile.ALL) {
                var row = dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME, ORGANIZATIONS.METADATA).from(ORGANIZATIONS)
                        .where(ORGANIZATIONS.SLUG.eq(profile.slug())).fetchOptional();
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
}
