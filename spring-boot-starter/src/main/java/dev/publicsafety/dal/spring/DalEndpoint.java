package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.migration.AppliedMigration;
import dev.publicsafety.dal.migration.Domain;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code dal} ({@code /actuator/dal} once exposed): each domain's version, this
 * build's head, the migrations not applied yet by name, the versions a newer build applied, how
 * far ahead the monthly partitions reach, and the audit chain's last recorded verification
 * ({@code never} if none was). Read-only, and read with the application's own role: it
 * shows what that role can see and changes nothing.
 */
@Endpoint(id = "dal")
public final class DalEndpoint {

    private final DataSource dataSource;
    private final Clock clock;

    DalEndpoint(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @ReadOperation
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        for (Map.Entry<Domain, DalStatus.Schema> entry : DalStatus.schemas(dataSource).entrySet()) {
            DalStatus.Schema schema = entry.getValue();
            Map<String, Object> domain = new LinkedHashMap<>();
            domain.put("current", schema.current());
            domain.put("head", schema.head());
            domain.put("atHead", schema.atHead());
            domain.put("pending", schema.pending().stream().map(DalEndpoint::describe).toList());
            domain.put("newer", schema.newer());
            status.put(entry.getKey().schema(), domain);
        }
        status.put("partitions", DalStatus.describe(DalStatus.horizons(dataSource), clock.instant()));
        status.put("auditVerification", DalStatus.lastAuditVerification(dataSource));
        return status;
    }

    private static Map<String, String> describe(AppliedMigration migration) {
        return Map.of("version", migration.version(), "description", migration.description());
    }
}
