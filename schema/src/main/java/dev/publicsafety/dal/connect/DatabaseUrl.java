package dev.publicsafety.dal.connect;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL connection target, parsed from the URL forms operators already use:
 * {@code postgresql://user:pass@host:port/db}, its driver-suffixed variants such as
 * {@code postgresql+asyncpg://…} (the form the replaced Python services use) and
 * {@code jdbc:postgresql://host:port/db?user=…}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password,
                          Map<String, String> parameters) {

    private static final int DEFAULT_PORT = 5432;

    /** How long {@link #dataSource()} waits to connect and log in, unless the URL sets connectTimeout/loginTimeout. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    public DatabaseUrl {
        parameters = Map.copyOf(parameters);
    }

    /** Parses {@code url}; the error message never contains the password. */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL is empty: pass --url or set DATABASE_URL");
        }
        String trimmed = url.trim();
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        int schemeEnd = withoutJdbc.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("database URL '" + redact(trimmed)
                    + "' is not a URL: expected postgresql://user:password@host:port/database");
        }
        String scheme = withoutJdbc.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String baseScheme = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!baseScheme.equals("postgresql") && !baseScheme.equals("postgres")) {
            throw new IllegalArgumentException("database URL scheme '" + scheme + "' is not supported: expected "
                    + "postgresql://, postgresql+asyncpg:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI("postgresql" + withoutJdbc.substring(schemeEnd));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL '" + redact(trimmed) + "' is malformed at index "
                    + e.getIndex() + ": " + e.getReason() + " (percent-encode special characters in the password)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isBlank() && !uri.getRawAuthority().endsWith("@")) {
                throw new IllegalArgumentException("database URL '" + redact(trimmed) + "' has an invalid host or port");
            }
            host = "localhost";
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            // checked here: the driver would log its own complaint through java.util.logging, then fail vaguely
            throw new IllegalArgumentException("database URL '" + redact(trimmed) + "' has port " + port + ": a port is 1 to 65535");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty()) {
            throw new IllegalArgumentException("database URL '" + redact(trimmed) + "' names no database: add /<database> after the host");
        }
        if (database.contains("/")) {
            throw new IllegalArgumentException("database URL '" + redact(trimmed) + "' has an invalid database name '" + database + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(key, value);
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? password : decode(info.substring(colon + 1));
        }
        // asyncpg spells TLS as ssl=require; the JDBC driver wants sslmode.
        String ssl = params.remove("ssl");
        if (ssl != null && !params.containsKey("sslmode")) {
            params.put("sslmode", ssl.equals("true") ? "require" : ssl);
        }
        return new DatabaseUrl(host, port, database, user, password, params);
    }

    /** The same server and credentials, another database. */
    public DatabaseUrl withDatabase(String otherDatabase) {
        return new DatabaseUrl(host, port, otherDatabase, user, password, parameters);
    }

    /** JDBC URL without credentials; pass {@link #properties()} alongside it. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        String query = parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + encode(database) + (query.isEmpty() ? "" : "?" + query);
    }

    /** Driver properties carrying the credentials. */
    public Properties properties() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /**
     * An unpooled data source for short-lived work (migrations, tools, tests); applications should
     * hand the DAL their own pool instead.
     */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        // Bounded waits unless the URL says otherwise: something on the port that is not PostgreSQL,
        // or a peer that accepts and never answers, fails in seconds instead of hanging.
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setURL(jdbcUrl());
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    /** For logs and error messages: no password. */
    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
