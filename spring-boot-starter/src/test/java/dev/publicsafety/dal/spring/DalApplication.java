package dev.publicsafety.dal.spring;

import dev.publicsafety.dal.connect.DatabaseUrl;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application as a team would write it: no code about the DAL, a {@code spring.datasource.*}
 * connection and auto-configuration (which finds this starter through its imports file).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class DalApplication {

    /** Starts the application against {@code url}, with {@code properties} ({@code name=value}) on top. */
    static ConfigurableApplicationContext start(DatabaseUrl url, String... properties) {
        return start(url, new Class<?>[0], properties);
    }

    /** As {@link #start(DatabaseUrl, String...)}, with the application's own configuration classes {@code sources} too. */
    static ConfigurableApplicationContext start(DatabaseUrl url, Class<?>[] sources, String... properties) {
        return new SpringApplicationBuilder(DalApplication.class).sources(sources)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .properties("spring.datasource.url=" + url.jdbcUrl(),
                        "spring.datasource.username=" + url.user(),
                        "spring.datasource.password=" + (url.password() == null ? "" : url.password()),
                        "spring.datasource.hikari.maximum-pool-size=2")
                .properties(properties)
                .run();
    }
}
