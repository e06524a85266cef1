package cn.compoundgis.web;

/**
 * A request the server cannot answer because of what the client sent. Rendered as a JSON body
 * {@code {"code": ..., "description": ...}} (the OGC API exception schema) with a 4xx status.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    private ApiError(int status, String code, String description) {
        super(description);
        this.status = status;
        this.code = code;
    }

    public static ApiError badParameter(String description) {
        return new ApiError(400, "InvalidParameterValue", description);
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

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
