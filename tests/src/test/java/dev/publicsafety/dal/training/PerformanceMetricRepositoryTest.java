package dev.publicsafety.dal.training;

import static dev.publicsafety.dal.generated.training.Tables.PERFORMANCE_METRICS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import dev.publicsafety.dal.training.seed.ScenarioSeeder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

@IsolatedDatabase
class PerformanceMetricRepositoryTest {

    @Test
    void shouldAggregateOneOperatorsMetricsOverAWindow(TestDatabase db) {
        new ScenarioSeeder(db.dataSource()).seedBundled(ScenarioSeeder.Options.DEFAULT);
        DSLContext ctx = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
        UUID scenario = new ScenarioRepository(ctx).findByKey("heart-attack").orElseThrow().id();
        UUID alice1 = new CallSessionRepository(ctx).start("alice", scenario).id();
        UUID alice2 = new CallSessionRepository(ctx).start("alice", scenario).id();
        UUID bob = new CallSessionRepository(ctx).start("bob", scenario).id();
        PerformanceMetricRepository metrics = new PerformanceMetricRepository(ctx);
        metrics.record(alice1, "time_to_address_ms", 8000);
        metrics.record(alice2, "time_to_address_ms", 12000);
        metrics.record(alice2, "cpr_instruction_score", 0.75);
        metrics.record(bob, "time_to_address_ms", 1000);
        UUID old = metrics.record(alice1, "time_to_address_ms", 99000);
        ctx.update(PERFORMANCE_METRICS).set(PERFORMANCE_METRICS.MEASURED_AT, OffsetDateTime.parse("2020-01-01T00:00:00Z"))
                .where(PERFORMANCE_METRICS.ID.eq(old)).execute();

        OffsetDateTime now = OffsetDateTime.now();
        List<MetricAggregate> aggregates = metrics.operatorAggregates("alice", now.minusDays(1), now.plusDays(1));
        assertEquals(List.of(
                new MetricAggregate("cpr_instruction_score", 1, 0.75, 0.75, 0.75),
                new MetricAggregate("time_to_address_ms", 2, 10000, 8000, 12000)), aggregates);
        assertThrows(InvalidInputException.class, () -> metrics.record(alice1, "x", Double.NaN));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> metrics.record(alice1, "m".repeat(101), 1));
        assertEquals("metricName is longer than 100 characters", tooLong.getMessage());
    }
}
