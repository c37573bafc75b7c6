package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dal erd} on a schema made for it: primary keys, composite foreign keys (also into a
 * partitioned table), a nullable key, a one-to-one key, types with spaces in their SQL names; the
 * partitions and the history table stay out of the picture.
 */
@IsolatedDatabase(migrated = false)
class ErdCommandTest {

    @BeforeAll
    static void createSchema(TestDatabase db) throws Exception {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            // created out of name order: the diagram's order is the catalog's names, not creation
            statement.execute("""
                    CREATE SCHEMA fleet;
                    CREATE TABLE fleet.users (org_id uuid NOT NULL, id uuid PRIMARY KEY, tags text[], UNIQUE (org_id, id));
                    CREATE TABLE fleet.organizations (id uuid PRIMARY KEY, slug character varying(64) NOT NULL UNIQUE,
                                                      created_at timestamp with time zone NOT NULL);
                    ALTER TABLE fleet.users ADD FOREIGN KEY (org_id) REFERENCES fleet.organizations (id);
                    CREATE TABLE fleet.readings (org_id uuid NOT NULL, recorded_at timestamp(3) without time zone NOT NULL,
                                                 user_id uuid, value double precision,
                                                 PRIMARY KEY (org_id, recorded_at),
                                                 CONSTRAINT readings_user_fkey FOREIGN KEY (org_id, user_id) REFERENCES fleet.users (org_id, id))
                        PARTITION BY RANGE (recorded_at);
                    CREATE TABLE fleet.readings_2026_01 PARTITION OF fleet.readings FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
                    CREATE TABLE fleet.readings_2026_02 PARTITION OF fleet.readings FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
                    CREATE TABLE fleet.annotations (org_id uuid NOT NULL, reading_at timestamp(3) without time zone NOT NULL,
                                                    note text,
                                                    FOREIGN KEY (org_id, reading_at) REFERENCES fleet.readings (org_id, recorded_at));
                    CREATE TABLE fleet.profiles (org_id uuid PRIMARY KEY REFERENCES fleet.organizations (id), settings jsonb);
                    CREATE TABLE fleet.flyway_schema_history (installed_rank integer PRIMARY KEY);
                    """);
        }
    }

    @Test
    void shouldDrawTablesKeysAndRelationshipsFromTheCatalog(TestDatabase db) {
        Dal.Result erd = Dal.run("erd", "--domain", "fleet", "--url", Dal.url(db));
        assertEquals(0, erd.exit(), erd::toString);
        assertEquals("""
                erDiagram
                    annotations {
                        uuid org_id FK
                        timestamp(3) reading_at FK
                        text note
                    }
                    organizations {
                        uuid id PK
                        varchar(64) slug
                        timestamptz created_at
                    }
                    profiles {
                        uuid org_id PK, FK
                        jsonb settings
                    }
                    readings {
                        uuid org_id PK, FK
                        timestamp(3) recorded_at PK
                        uuid user_id FK
                        float8 value
                    }
                    users {
                        uuid org_id FK
                        uuid id PK
                        text[] tags
                    }
                    readings ||..o{ annotations : "org_id, reading_at"
                    organizations ||--o| profiles : "org_id"
                    users |o..o{ readings : "org_id, user_id"
                    organizations ||..o{ users : "org_id"
                """, erd.out());
        assertTrue(erd.err().isEmpty(), erd::toString);
    }

    @Test
    void shouldRefuseASchemaWithoutTablesInOneLine(TestDatabase db) {
        Dal.Result erd = Dal.run("erd", "--domain", "training", "--url", Dal.url(db));
        assertEquals(1, erd.exit(), erd::toString);
        assertEquals("dal erd: schema training has no tables: migrate it first (dal migrate --domain training)", erd.err().strip());
        assertEquals("", erd.out());
    }
}
