package com.example.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.cli.demo.DemoFleet;
import dev.publicsafety.dal.cli.demo.DemoTour;
import dev.publicsafety.dal.cli.demo.FleetDemoGenerator;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workload of {@code dal demo} (its fleet generator and its tour, at a small scale) run through
 * the application's FleetDatabase, exported as spans and metrics to in-memory exporters: every span
 * is a unit of work or a statement named by the OpenTelemetry database conventions, each statement
 * is counted once in {@code db.client.operation.duration}, and no organization appears in a name or
 * a tag.
 */
@IsolatedDatabase(migrated = false)
class ObservedDemoTest {

    private static final Set<String> UNIT_KEYS = Set.of("db.system.name", "dal.domain", "dal.operation", "dal.outcome", "dal.retries");
    private static final Set<String> STATEMENT_KEYS = Set.of("db.system.name", "dal.domain", "db.namespace", "db.collection.name",
            "db.operation.name", "db.query.summary", "db.response.status_code", "error.type");

    @Test
    void shouldExportTheDemosSpansAndMetricsUnderTheDatabaseConventions(TestDatabase db) throws Exception {
        try (ConfigurableApplicationContext app = TestApplication.startObserved(db)) {
            FleetDatabase fleet = app.getBean(FleetDatabase.class);
            DemoFleet demo = new FleetDemoGenerator(fleet, 42, 0.02, OffsetDateTime.now(ZoneOffset.UTC),
                    new PrintWriter(Writer.nullWriter())).generate();
            new DemoTour(fleet, demo, false, new PrintWriter(new StringWriter())).print();

            List<SimpleSpan> spans = List.copyOf(app.getBean(SimpleTracer.class).getSpans());
            Set<String> unitIds = spans.stream().filter(s -> s.getTags().containsKey("dal.operation"))
                    .map(s -> s.context().spanId()).collect(Collectors.toSet());
            Set<String> summaries = new TreeSet<>();
            long statements = 0;
            for (SimpleSpan span : spans) {
                if (unitIds.contains(span.context().spanId())) {
                    assertEquals(UNIT_KEYS, span.getTags().keySet(), span.toString());
                    assertEquals(span.getTags().get("dal.domain") + " " + span.getTags().get("dal.operation"), span.getName());
                } else {
                    assertTrue(STATEMENT_KEYS.containsAll(span.getTags().keySet()), span.toString());
                    assertEquals("postgresql", span.getTags().get("db.system.name"), span.toString());
                    assertEquals(span.getTags().get("db.query.summary"), span.getName());
                    assertTrue(unitIds.contains(span.context().parentId()), "a statement's span is a unit's child: " + span);
                    summaries.add(span.getName());
                    statements++;
                }
            }
            // the demo's writes, each table's through the repositories, its radio traffic through COPY
            for (String write : List.of("INSERT fleet.organizations", "INSERT fleet.users", "INSERT fleet.radio_channels",
                    "INSERT fleet.incidents", "UPDATE fleet.incidents", "INSERT fleet.tasks", "INSERT fleet.task_checklists",
                    "INSERT fleet.crews", "INSERT fleet.assets", "INSERT fleet.policies", "INSERT fleet.webhooks",
                    "INSERT fleet.suggested_actions", "INSERT fleet.audit_logs", "COPY fleet.transmissions",
                    "SELECT fleet.transmission_mentions")) {
                assertTrue(summaries.contains(write), write + " not among " + summaries);
            }

            SimpleMeterRegistry meters = app.getBean(SimpleMeterRegistry.class);
            long timed = meters.find("db.client.operation.duration").timers().stream().mapToLong(Timer::count).sum();
            assertEquals(statements, timed, "each statement counted once in db.client.operation.duration");
            Counter ingested = meters.find("dal.rows.ingested").tags("dal.domain", "fleet", "db.collection.name", "fleet.transmissions")
                    .counter();
            assertNotNull(ingested, "dal.rows.ingested for the demo's radio traffic");
            assertEquals(db.count("select count(*) from fleet.transmissions"), (long) ingested.count());

            for (DemoFleet.Organization org : demo.organizations()) {
                String id = org.id().toString();
                for (Meter meter : meters.getMeters()) {
                    assertFalse(meter.getId().toString().contains(id), meter.getId().toString());
                }
                for (SimpleSpan span : spans) {
                    assertFalse(span.getTags().toString().contains(id) || span.getName().contains(id), span.toString());
                }
            }
        }
    }
}
