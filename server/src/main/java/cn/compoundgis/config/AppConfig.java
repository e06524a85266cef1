package cn.compoundgis.config;

import cn.compoundgis.accounts.AccountSettings;
import cn.compoundgis.checks.CheckLimits;
import cn.compoundgis.http.CorsOrigins;
import cn.compoundgis.http.TrustedProxies;
import cn.compoundgis.replicas.ReplicaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of one server process, read from the environment and overridable by command-line
 * options ({@code --host 127.0.0.1 --port 7070 --state ./.state --database-url ... --srid 4548 --trusted-proxies 10.0.0.1
 * --no-demo}). The server listens on {@value #DEFAULT_HOST} only unless HOST (or --host) opens it, e.g. 0.0.0.0.
 */
public record AppConfig(
        String host,
        int port,
        Path stateDir,
        Optional<String> databaseUrl,
        int workingSrid,
        boolean loadDemoData,
        long maxUploadMb,
        AccountSettings accounts,
        TrustedProxies trustedProxies,
        CheckLimits checkLimits,
        CorsOrigins corsOrigins,
        ReplicaSettings replicas) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;
    /** CGCS2000 3-degree Gauss-Kruger CM 117E, see shared/domain/standards.md section 3. */
    public static final int DEFAULT_WORKING_SRID = 4548;

    /** Default maximum upload: 200 MB (issue 4). */
    public static final long DEFAULT_MAX_UPLOAD_MB = 200;

    /**
     * The largest JSON or form body (everything but multipart uploads): an obstacle report carries a photo of
     * up to 12 MiB as base64 (16 MiB), plus its geometry and note.
     */
    public static final long MAX_JSON_BODY_BYTES = 17L * 1024 * 1024;

    public AppConfig(int port, Path stateDir, Optional<String> databaseUrl, int workingSrid, boolean loadDemoData) {
        this(DEFAULT_HOST, port, stateDir, databaseUrl, workingSrid, loadDemoData, DEFAULT_MAX_UPLOAD_MB,
                AccountSettings.defaults(), TrustedProxies.none(), CheckLimits.defaults(), CorsOrigins.defaults(), ReplicaSettings.none());
    }

    /** The same settings, believing X-Forwarded-* headers from {@code proxies}. */
    public AppConfig withTrustedProxies(TrustedProxies proxies) {
        return copy(b -> b.trustedProxies = proxies);
    }

    /** The same settings with other check limits (tests lower them). */
    public AppConfig withCheckLimits(CheckLimits limits) {
        return copy(b -> b.checkLimits = limits);
    }

    /** The same settings with other account settings (tests: a known administrator token and password). */
    public AppConfig withAccounts(AccountSettings settings) {
        return copy(b -> b.accounts = settings);
    }

    /** The same settings with other origins allowed to call from a browser (CORS_ORIGINS). */
    public AppConfig withCorsOrigins(CorsOrigins origins) {
        return copy(b -> b.corsOrigins = origins);
    }

    /** The same settings with other read replicas (DATABASE_REPLICA_URLS, REPLICA_MAX_LAG_SECONDS). */
    public AppConfig withReplicas(ReplicaSettings settings) {
        return copy(b -> b.replicas = settings);
    }

    /** The settings that a with-method may change, copied from this record and back. */
    private static final class Changes {
        AccountSettings accounts;
        TrustedProxies trustedProxies;
        CheckLimits checkLimits;
        CorsOrigins corsOrigins;
        ReplicaSettings replicas;
    }

    private AppConfig copy(java.util.function.Consumer<Changes> change) {
        Changes b = new Changes();
        b.accounts = accounts;
        b.trustedProxies = trustedProxies;
        b.checkLimits = checkLimits;
        b.corsOrigins = corsOrigins;
        b.replicas = replicas;
        change.accept(b);
        return new AppConfig(host, port, stateDir, databaseUrl, workingSrid, loadDemoData, maxUploadMb, b.accounts,
                b.trustedProxies, b.checkLimits, b.corsOrigins, b.replicas);
    }

    /** The same settings with a bearer token for the administrator. */
    public AppConfig withAdminToken(String token) {
        return withAccounts(accounts.withAdminToken(token));
    }

    public static AppConfig fromEnvironment(Map<String, String> env, String... args) {
        String host = env.getOrDefault("HOST", DEFAULT_HOST).trim();
        int port = intValue(env.getOrDefault("PORT", String.valueOf(DEFAULT_PORT)), "PORT");
        Path state = Path.of(env.getOrDefault("COMPOUND_GIS_STATE", ".state"));
        String dbUrl = blankToNull(env.get("DATABASE_URL"));
        int srid = intValue(env.getOrDefault("WORKING_SRID", String.valueOf(DEFAULT_WORKING_SRID)), "WORKING_SRID");
        boolean demo = !"false".equalsIgnoreCase(env.getOrDefault("DEMO_DATA", "true"));
        long maxUploadMb = intValue(env.getOrDefault("MAX_UPLOAD_MB", String.valueOf(DEFAULT_MAX_UPLOAD_MB)), "MAX_UPLOAD_MB");
        String proxies = env.get("TRUSTED_PROXIES");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--no-demo" -> demo = false;
                case "--host" -> host = valueAfter(args, i++);
                case "--port" -> port = intValue(valueAfter(args, i++), option);
                case "--state" -> state = Path.of(valueAfter(args, i++));
                case "--database-url" -> dbUrl = valueAfter(args, i++);
                case "--srid" -> srid = intValue(valueAfter(args, i++), option);
                case "--trusted-proxies" -> proxies = valueAfter(args, i++);
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (known: --host ADDRESS, --port N, --state DIR, --database-url URL, --srid N, --trusted-proxies IPS, --no-demo)");
            }
        }
        return new AppConfig(host, port, state.toAbsolutePath().normalize(), Optional.ofNullable(dbUrl), srid, demo,
                maxUploadMb, AccountSettings.fromEnvironment(env), TrustedProxies.parse(proxies), CheckLimits.load(env),
                CorsOrigins.parse(env.get("CORS_ORIGINS")), ReplicaSettings.fromEnvironment(env));
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int intValue(String text, String name) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
