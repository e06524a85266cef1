package cn.compoundgis.replicas;

import cn.compoundgis.db.ConnectionInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The read replicas of the database: {@code DATABASE_REPLICA_URLS} (comma-separated, each as DATABASE_URL accepts
 * it) and {@code REPLICA_MAX_LAG_SECONDS} (a replica further behind than this is not read from).
 */
public record ReplicaSettings(List<ConnectionInfo> replicas, int maxLagSeconds) {
    /** Half a minute behind is still a useful map; more and a reader would notice stale data. */
    public static final int DEFAULT_MAX_LAG_SECONDS = 30;

    public static ReplicaSettings none() {
        return new ReplicaSettings(List.of(), DEFAULT_MAX_LAG_SECONDS);
    }

    public static ReplicaSettings fromEnvironment(Map<String, String> env) {
        String urls = env.getOrDefault("DATABASE_REPLICA_URLS", "");
        List<ConnectionInfo> replicas = Arrays.stream(urls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(ReplicaSettings::parse)
                .toList();
        String lag = env.getOrDefault("REPLICA_MAX_LAG_SECONDS", String.valueOf(DEFAULT_MAX_LAG_SECONDS)).trim();
        int maxLag;
        try {
            maxLag = Integer.parseInt(lag);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("REPLICA_MAX_LAG_SECONDS must be a whole number, got '" + lag + "'");
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException("REPLICA_MAX_LAG_SECONDS must not be negative, got " + maxLag);
        }
        return new ReplicaSettings(replicas, maxLag);
    }

    /** The same replicas with another lag limit. */
    public ReplicaSettings withMaxLagSeconds(int seconds) {
        return new ReplicaSettings(replicas, seconds);
    }

    private static ConnectionInfo parse(String url) {
        try {
            return ConnectionInfo.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_REPLICA_URLS: " + e.getMessage().replace("DATABASE_URL", "each URL"), e);
        }
    }
}
