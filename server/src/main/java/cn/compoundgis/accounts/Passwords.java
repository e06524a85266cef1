package cn.compoundgis.accounts;

import cn.compoundgis.http.ApiError;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashing with Argon2id (Spring Security's encoder over Bouncy Castle), at OWASP's recommended minimum
 * (19 MiB, 2 iterations, 1 lane), stored as a PHC string with its salt and parameters. Length limits keep
 * guessing useless and hashing bounded.
 */
public final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 256;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int LANES = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;

    private static final Argon2PasswordEncoder ENCODER =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, LANES, MEMORY_KIB, ITERATIONS);
    /** Checked against when the user does not exist, so that an unknown name takes as long as a wrong password. */
    private static final String DUMMY_HASH = ENCODER.encode("no such user: the time of a real check");

    private Passwords() {
    }

    /** The hash of a new password, refused (400, naming {@code field}) when it is too short or too long. */
    public static String hash(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiError.badParameter(field + " must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiError.badParameter(field + " must have at most " + MAX_LENGTH + " characters");
        }
        return ENCODER.encode(password);
    }

    /** True when {@code password} matches {@code hash}; a null hash (no password set) never matches. */
    static boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            ENCODER.matches("", DUMMY_HASH);
            return false;
        }
        if (hash == null) {
            ENCODER.matches(password, DUMMY_HASH);
            return false;
        }
        return ENCODER.matches(password, hash);
    }
}
