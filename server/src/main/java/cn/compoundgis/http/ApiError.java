package cn.compoundgis.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server cannot answer because of what the client sent. Rendered as a JSON body
 * {@code {"code": ..., "description": ...}} (the OGC API exception schema) with a 4xx status.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    private ApiError(int status, String code, String description) {
        this(status, code, description, Map.of());
    }

    private ApiError(int status, String code, String description, Map<String, Object> details) {
        super(description);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    /**
     * The same error with one more member in its JSON body beside code and description, for a client to act on
     * (say {@code suggested_crs} of a refused upload, which the map offers as a button).
     */
    public ApiError with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new ApiError(status, code, getMessage(), java.util.Collections.unmodifiableMap(more));
    }

    /**
     * The same error with what it says as a code and parameters ({@code "message": {"code": …, "params": {…}}}),
     * which the map words in its user's language (web/i18n: error.msg.&lt;code&gt;); the description stays the English
     * sentence for API clients. A null parameter value is left out.
     */
    public ApiError says(String messageCode, Object... namesAndValues) {
        return with("message", Message.of(messageCode, namesAndValues));
    }

    /** The members beyond code and description (none for most errors). */
    public Map<String, Object> details() {
        return details;
    }

    /** Any status and code; prefer the named factories below where one fits. */
    public static ApiError of(int status, String code, String description) {
        return new ApiError(status, code, description);
    }

    public static ApiError badParameter(String description) {
        return new ApiError(400, "InvalidParameterValue", description);
    }

    /** 400 for an uploaded file refused as a whole, before anything was staged: the message says which file and why. */
    public static ApiError invalidUpload(String description) {
        return new ApiError(400, "InvalidUpload", description);
    }

    /**
     * 400: an upload whose coordinate system is unknown (no .prj, or one naming no known CRS) and no crs was given;
     * the map reacts to this code by asking for crs.
     */
    public static ApiError crsRequired(String description) {
        return new ApiError(400, "CrsRequired", description);
    }

    /** 400: the crs given with an upload is neither an EPSG code nor a registered local grid (the map asks again). */
    public static ApiError invalidCrs(String description) {
        return new ApiError(400, "InvalidCrs", description);
    }

    /** 401: the request needs a signed-in user (session or bearer token) and has none, or an invalid one. */
    public static ApiError unauthorized(String description) {
        return new ApiError(401, "Unauthorized", description);
    }

    /** 403: the signed-in user may not do this (role, assignment, or someone else's staged upload). */
    public static ApiError forbidden(String description) {
        return new ApiError(403, "Forbidden", description);
    }

    /** 429: too many attempts (sign-in); the client waits as long as Retry-After says. */
    public static ApiError tooManyRequests(String description) {
        return new ApiError(429, "TooManyRequests", description);
    }

    public static ApiError notFound(String description) {
        return new ApiError(404, "NotFound", description);
    }

    public static ApiError conflict(String description) {
        return new ApiError(409, "Conflict", description);
    }

    public static ApiError notAcceptable(String description) {
        return new ApiError(406, "NotAcceptable", description);
    }

    /** 413: the request or a part of it is over a documented limit. */
    public static ApiError tooLarge(String description) {
        return new ApiError(413, "TooLarge", description);
    }

    /** 422: well-formed, but the work it asks for is over a documented limit (pairs, findings ...). */
    public static ApiError overLimit(String description) {
        return new ApiError(422, "LimitExceeded", description);
    }

    /** 503: the database is restarting or unreachable; the client should try again after a few seconds. */
    public static ApiError databaseUnavailable() {
        return new ApiError(503, "DatabaseUnavailable",
                "the database is not available at the moment (restarting or recovering); try again in a few seconds");
    }

    /** The error code for a bare HTTP status (one that no ApiError factory above produced). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 408 -> "RequestTimeout";
            case 411 -> "LengthRequired";
            case 413 -> "TooLarge";
            case 414 -> "UriTooLong";
            case 415 -> "UnsupportedMediaType";
            case 431 -> "HeadersTooLarge";
            case 503 -> "Unavailable";
            default -> status >= 500 ? "ServerError" : "BadRequest";
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
