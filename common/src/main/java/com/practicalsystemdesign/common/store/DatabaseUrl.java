package com.practicalsystemdesign.common.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.springframework.util.StringUtils;

/**
 * A PostgreSQL URL in the original design's form,
 * {@code postgresql://user:password@host:5432/database?sslmode=require}, and the two URLs
 * Spring needs from it: R2DBC for the application and JDBC for Flyway.
 *
 * @param host the server host
 * @param port the server port, 5432 when the URL names none
 * @param database the database name
 * @param username the user, or {@code null}
 * @param password the password, or {@code null}
 * @param query the query string without {@code ?}, passed on to both drivers, or
 * {@code null}
 */
public record DatabaseUrl(String host, int port, String database, String username, String password, String query) {

    private static final int DEFAULT_PORT = 5432;

    /**
     * Parses {@code postgresql://} or {@code postgres://} URLs; user and password may be
     * percent-encoded.
     * @param url the URL
     * @return the parsed URL
     * @throws IllegalArgumentException with a message that names the expected form
     */
    public static DatabaseUrl parse(String url) {
        URI uri = toUri(url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("it must start with postgresql://");
        }
        if (!StringUtils.hasText(uri.getHost())) {
            throw invalid("it names no host");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!StringUtils.hasText(database)) {
            throw invalid("it names no database");
        }
        String[] userInfo = userInfo(uri.getRawUserInfo());
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseUrl(uri.getHost(), port, database, userInfo[0], userInfo[1], uri.getRawQuery());
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database + querySuffix();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + querySuffix();
    }

    private String querySuffix() {
        return StringUtils.hasText(query) ? "?" + query : "";
    }

    /** The URL with the password masked, for logs and error messages. */
    @Override
    public String toString() {
        String credentials = username == null ? "" : username + (password == null ? "" : ":****") + "@";
        return "postgresql://" + credentials + host + ":" + port + "/" + database + querySuffix();
    }

    private static URI toUri(String url) {
        if (!StringUtils.hasText(url)) {
            throw invalid("it is empty");
        }
        try {
            return new URI(url.strip());
        }
        catch (URISyntaxException ex) {
            throw invalid("it is not a URL (" + ex.getReason() + ")");
        }
    }

    private static String[] userInfo(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[] { null, null };
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            return new String[] { decode(rawUserInfo), null };
        }
        return new String[] { decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1)) };
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException(
                "DATABASE_URL is invalid: " + reason + "; expected postgresql://user:password@host:5432/database");
    }
}
