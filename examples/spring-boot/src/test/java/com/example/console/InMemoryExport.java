package com.example.console;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What an application's tracing and metrics set-up would register, exporting to memory. */
@Configuration(proxyBeanMethods = false)
class InMemoryExport {

    @Bean
    SimpleTracer tracer() {
        return new SimpleTracer();
    }

    @Bean
    SimpleMeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    @Bean
    ObservationRegistry observationRegistry(SimpleTracer tracer, SimpleMeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new DefaultTracingObservationHandler(tracer));
        return registry;
    }
}
