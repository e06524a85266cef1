package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits password guessing: after {@code failuresAllowed} failed sign-ins within the window a user name, and after
 * {@value #ADDRESS_FACTOR} times as many a client address (an office behind one NAT address has many users), must
 * wait until the oldest failure has left the window (429 with Retry-After).
 * Kept in memory per server process; the number of keys held is bounded, the oldest forgotten first.
 */
final class LoginThrottle {
    private static final int MAX_KEYS = 10_000;
    static final int ADDRESS_FACTOR = 4;

    private final int failuresAllowed;
    private final long windowSeconds;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();

    LoginThrottle(int failuresAllowed, long windowSeconds, Clock clock) {
        this.failuresAllowed = failuresAllowed;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** Refuses with 429 when the name or the address has used up its attempts. */
    synchronized void check(String username, String clientIp) {
        long wait = Math.max(waitSeconds("user:" + username, failuresAllowed),
                waitSeconds("ip:" + clientIp, failuresAllowed * ADDRESS_FACTOR));
        if (wait > 0) {
            throw new Throttled(wait);
        }
    }

    synchronized void failed(String username, String clientIp) {
        add("user:" + username);
        add("ip:" + clientIp);
    }

    synchronized void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private long waitSeconds(String key, int allowed) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant windowStart = now.minusSeconds(windowSeconds);
        while (!times.isEmpty() && times.peekFirst().isBefore(windowStart)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        if (times.size() < allowed) {
            return 0;
        }
        return Math.max(1, times.peekFirst().plusSeconds(windowSeconds).getEpochSecond() - now.getEpochSecond());
    }

    private void add(String key) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.instant());
        if (failures.size() > MAX_KEYS) {
            Iterator<String> oldest = failures.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
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
