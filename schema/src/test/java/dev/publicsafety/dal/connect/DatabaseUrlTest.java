package dev.publicsafety.dal.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {

    @ParameterizedTest
    @CsvSource({
        "postgresql://user:secret@db.example.org:6543/radio_fleet, db.example.org, 6543, radio_fleet, user, secret",
        "postgresql+asyncpg://user:secret@localhost:5432/911_training, localhost, 5432, 911_training, user, secret",
        "postgres://user@host/db, host, 5432, db, user,",
        "jdbc:postgresql://host:5433/db?user=u&password=p, host, 5433, db, u, p",
        "postgresql://user:p%40ss%3Aword@host/db, host, 5432, db, user, p@ss:word",
    })
    void shouldParseTheUrlFormsOperatorsUse(String url, String host, int port, String database, String user, String password) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        assertEquals(host, parsed.host());
        assertEquals(port, parsed.port());
        assertEquals(database, parsed.database());
        assertEquals(user, parsed.user());
        assertEquals(password, parsed.password());
    }

    @Test
    void shouldTranslateAsyncpgSslToSslmode() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql+asyncpg://u@h/db?ssl=require");
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=require", parsed.jdbcUrl());
    }

    @Test
    void shouldNeverPrintThePassword() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgresql://admin:hunter2@h/db");
        assertFalse(parsed.toString().contains("hunter2"));
        assertFalse(parsed.jdbcUrl().contains("hunter2"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgresql://admin:hunter2@h:notaport/db"));
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://u@h/db | scheme 'mysql' is not supported",
        "localhost:5432/db | is not a URL",
        "postgresql://u@h | names no database",
        "'' | database URL is empty",
    })
    void shouldExplainWhatIsWrongWithABadUrl(String url, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(url));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void shouldSwitchDatabaseKeepingCredentials() {
        DatabaseUrl other = DatabaseUrl.parse("postgresql://u:p@h/one").withDatabase("two");
        assertEquals("two", other.database());
        assertEquals("p", other.password());
        assertNull(DatabaseUrl.parse("postgresql://h/db").user());
    }
}
