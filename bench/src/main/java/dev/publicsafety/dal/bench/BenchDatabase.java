package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.connect.DatabaseUrl;

/** The database the benchmarks run against, handed to JMH's forked JVMs as a system property. */
final class BenchDatabase {

    static final String URL_PROPERTY = "dal.bench.url";

    private BenchDatabase() {
    }

    static DatabaseUrl url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("run the benchmarks through BenchMain (java -jar bench/target/bench.jar)");
        }
        return DatabaseUrl.parse(url);
    }

    /** A small pool, as an application would have; baseline and data layer share it. */
    static HikariDataSource pool() {
        DatabaseUrl url = url();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }
}
