package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Opt-in ({@code -Ddal.test.db=testcontainers}) for machines with Docker. */
final class TestcontainersServer {

    private static final String IMAGE = System.getProperty("dal.test.image", "postgres:18-alpine");

    private TestcontainersServer() {
    }

    static TestDatabases start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        DatabaseUrl admin = new DatabaseUrl(container.getHost(), container.getMappedPort(5432), "postgres",
                container.getUsername(), container.getPassword(), Map.of());
        return TestDatabases.external(admin, container::stop);
    }
}
