package com.example.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.spi.SLF4JServiceProvider;
import org.junit.jupiter.api.Test;

/**
 * What depending on {@code dal} (and {@code dal-test} for tests) brings an application: no command
 * line and no logging backend besides the one this application chose (slf4j-simple).
 */
class DependenciesTest {

    @Test
    void shouldBringNoCommandLineLibrary() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.publicsafety.dal.cli.DalCommand"));
    }

    @Test
    void shouldLeaveTheLoggingBackendToTheApplication() {
        List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(provider -> provider.type().getName()).toList();
        assertEquals(List.of("org.slf4j.simple.SimpleServiceProvider"), providers);
    }
}
