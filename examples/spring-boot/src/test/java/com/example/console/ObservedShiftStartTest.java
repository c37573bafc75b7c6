package com.example.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's start-up workload (ShiftStart: an organization, an incident opened and
 * dispatched, a practice call) exported as spans and metrics to in-memory exporters: the starter
 * hands the application's ObservationRegistry to both databases, and the names follow the
 * OpenTelemetry database conventions.
 */
@IsolatedDatabase(migrated = false)
class ObservedShiftStartTest {

    @Test
    void shouldExportTheShiftStartsSpansAndMetricsUnderTheDatabaseConventions(TestDatabase db) {
        try (ConfigurableApplicationContext app = TestApplication.startObserved(db)) {
            List<SimpleSpan> spans = List.copyOf(app.getBean(SimpleTracer.class).getSpans());
            SimpleSpan dispatch = span(spans, "fleet inTransaction");
            assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "fleet", "dal.operation", "inTransaction",
                    "dal.outcome", "committed", "dal.retries", "0"), dispatch.getTags());
            SimpleSpan insert = span(spans, "INSERT fleet.incidents");
            assertEquals(dispatch.context().spanId(), insert.context().parentId(), "the statement's span is the unit's child");
            assertEquals(Map.of("db.system.name", "postgresql", "dal.domain", "fleet", "db.namespace", db.name(),
                    "db.collection.name", "fleet.incidents", "db.operation.name", "INSERT",
                    "db.query.summary", "INSERT fleet.incidents"), insert.getTags());
            span(spans, "training inTransaction");
            span(spans, "INSERT training.call_sessions");

            SimpleMeterRegistry meters = app.getBean(SimpleMeterRegistry.class);
            Timer statements = meters.find("db.client.operation.duration").tag("db.query.summary", "INSERT fleet.incidents")
                    .tag("db.system.name", "postgresql").timer();
            assertNotNull(statements, "a db.client.operation.duration timer per statement summary");
            assertTrue(statements.count() >= 1);
            assertNotNull(meters.find("dal.unit").tags("dal.domain", "training", "dal.outcome", "committed").timer());

            UUID org = app.getBean(FleetDatabase.class).findOrganizationBySlug("pine-county").orElseThrow().id();
            for (Meter meter : meters.getMeters()) {
                assertFalse(meter.getId().getTags().toString().contains(org.toString()), meter.getId().toString());
            }
            for (SimpleSpan span : spans) {
                assertFalse(span.getTags().toString().contains(org.toString()) || span.getTags().toString().contains("PC-311"),
                        span.toString());
            }
        }
    }

    private static SimpleSpan span(List<SimpleSpan> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(SimpleSpan::getName).toList()));
    }
}
