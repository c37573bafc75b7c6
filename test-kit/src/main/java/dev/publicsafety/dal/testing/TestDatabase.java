package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
import javax.sql.DataSource;

/** The database a test class owns: created for it, dropped after it. */
public record TestDatabase(DatabaseUrl url) {

    public String name() {
        return url.database();
    }

    public DataSource dataSource() {
        return url.dataSource();
    }
}
