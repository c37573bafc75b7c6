package com.example.console;

import dev.publicsafety.dal.testing.TestDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The application started on a test's database, as the tests start it. */
final class TestApplication {

    private TestApplication() {
    }

    /** The application, its DataSource pointed at {@code db}. */
    static ConfigurableApplicationContext start(TestDatabase db) {
        return SpringApplication.run(new Class<?>[] {DispatchConsoleApplication.class}, connection(db));
    }

    /** The application with its spans and metrics exported to memory ({@link InMemoryExport}). */
    static ConfigurableApplicationContext startObserved(TestDatabase db) {
        return SpringApplication.run(new Class<?>[] {DispatchConsoleApplication.class, InMemoryExport.class}, connection(db));
    }

    private static String[] connection(TestDatabase db) {
        return new String[] {"--spring.datasource.url=" + db.url().jdbcUrl(), "--spring.datasource.username=" + db.url().user(),
                "--spring.datasource.password=" + (db.url().password() == null ? "" : db.url().password())};
    }
}
