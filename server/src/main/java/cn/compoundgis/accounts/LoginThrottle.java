package cn.compoundgis.accounts;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.ApiError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Limits password guessing: after {@code failuresAllowed} failed sign-ins within the window a user name, and after
 * {@value #ADDRESS_FACTOR} times as many a client address (an office behind one NAT address has many users), must
 * wait until the oldest failure has left the window (429 with Retry-After). The failures are rows of the primary
 * (table {@code login_failure}), so every server process sharing the database counts the same attempts; only
 * those inside the window are kept.
 */
final class LoginThrottle {
    static final int ADDRESS_FACTOR = 4;
    private static final String USER = "user:";
    private static final String ADDRESS = "ip:";

    private final DataSource dataSource;
    private final int failuresAllowed;
    private final long windowSeconds;
    private final Clock clock;

    LoginThrottle(DataSource dataSource, int failuresAllowed, long windowSeconds, Clock clock) {
        this.dataSource = dataSource;
        this.failuresAllowed = failuresAllowed;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** Refuses with 429 when the name or the address has used up its attempts. */
    void check(String username, String clientIp) throws SQLException {
        Instant now = clock.instant();
        long wait = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AccountQueries.LOGIN_FAILURES,
                     keys(username, clientIp).timestamp("window_start", at(now.minusSeconds(windowSeconds))));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int allowed = rs.getString(1).startsWith(USER) ? failuresAllowed : failuresAllowed * ADDRESS_FACTOR;
                if (rs.getLong(2) >= allowed) {
                    Instant oldest = rs.getTimestamp(3).toInstant();
                    wait = Math.max(wait, Math.max(1, oldest.plusSeconds(windowSeconds).getEpochSecond() - now.getEpochSecond()));
                }
            }
        }
        if (wait > 0) {
            throw new Throttled(wait);
        }
    }

    void failed(String username, String clientIp) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, AccountQueries.RECORD_LOGIN_FAILURE, keys(username, clientIp).timestamp("at", at(now))
                    .timestamp("window_start", at(now.minusSeconds(windowSeconds))));
        }
    }

    void succeeded(String username) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.update(c, AccountQueries.FORGET_LOGIN_FAILURES, SqlParams.of().text("user_key", USER + username));
        }
    }

    private static SqlParams keys(String username, String clientIp) {
        return SqlParams.of().text("user_key", USER + username).text("ip_key", ADDRESS + clientIp);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The refusal, with the seconds to wait for the Retry-After header. */
    static final class Throttled extends RuntimeException {
        final long retryAfterSeconds;

        Throttled(long retryAfterSeconds) {
            super("too many failed sign-ins: wait " + retryAfterSeconds + " s and try again");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        ApiError asApiError() {
            return ApiError.tooManyRequests(getMessage()).says("auth.throttled", "seconds", retryAfterSeconds);
        }
    }
}
