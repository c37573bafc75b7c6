package dev.publicsafety.dal.testing;

import dev.publicsafety.dal.connect.DatabaseUrl;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database a test class owns: created for it, dropped after it. {@link #url} connects directly,
 * as the owner; {@code pooler}, when there is one (null otherwise), is what the application roles
 * of the database log in through ({@link #loginAs}).
 */
public record TestDatabase(DatabaseUrl url, PgBouncer pooler) {

    /** A database whose application roles connect directly. */
    public TestDatabase(DatabaseUrl url) {
        this(url, null);
    }

    public String name() {
        return url.database();
    }

    public DataSource dataSource() {
        return url.dataSource();
    }

    /** Where {@code user} logs in to this database: through the {@link #pooler} if there is one, else directly. */
    public DatabaseUrl loginAs(String user, String password) {
        DatabaseUrl direct = new DatabaseUrl(url.host(), url.port(), url.database(), user, password, url.parameters());
        return pooler == null ? direct : pooler.route(direct);
    }

    /** Runs {@code statements} in order as the owner, each on its own (autocommit). */
    public void execute(String... statements) throws SQLException {
        Sql.execute(dataSource(), statements);
    }

    /** The number {@code query} returns in its first column of its one row, read as the owner. */
    public long count(String query) throws SQLException {
        return Sql.count(dataSource(), query);
    }
}
