package cn.compoundgis.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a PostGIS database is and how to log in to it. */
public record ConnectionInfo(String jdbcUrl, String user, String password) {

    /**
     * Reads a {@code DATABASE_URL} in either the libpq form {@code postgres://user:pass@host:port/db} or
     * the JDBC form {@code jdbc:postgresql://host:port/db?user=...&password=...}.
     */
    public static ConnectionInfo parse(String databaseUrl) {
        String url = databaseUrl.trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new ConnectionInfo(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:, got '" + url + "'");
        }
        URI uri = URI.create(url);
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new ConnectionInfo("jdbc:postgresql://" + host + ":" + port + uri.getRawPath() + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** One JDBC URL that carries the credentials too, as DATABASE_URL accepts it. */
    public String jdbcUrlWithCredentials() {
        StringBuilder url = new StringBuilder(jdbcUrl);
        String separator = jdbcUrl.contains("?") ? "&" : "?";
        if (user != null) {
            url.append(separator).append("user=").append(java.net.URLEncoder.encode(user, StandardCharsets.UTF_8));
            separator = "&";
        }
        if (password != null) {
            url.append(separator).append("password=").append(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** The same server, another database on it (used to create databases from the maintenance db). */
    public ConnectionInfo withDatabase(String database) {
        String base = jdbcUrl.replaceFirst("(jdbc:postgresql://[^/?]*)/[^?]*", "$1/" + database);
        return new ConnectionInfo(base, user, password);
    }
}
