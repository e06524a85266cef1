package cn.compoundgis.survey.upload;

/**
 * An upload refused as a whole, before anything was staged: the message says which file and why; the code
 * lets a client react (the map asks for {@code crs} on {@code CrsRequired} and {@code InvalidCrs}).
 */
public final class UploadRejected extends Exception {
    private final int status;
    private final String code;

    public UploadRejected(int status, String message) {
        this(status, defaultCode(status), message);
    }

    private UploadRejected(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static UploadRejected badInput(String message) {
        return new UploadRejected(400, message);
    }

    /** No .prj, or one that names no known CRS, and no crs given with the upload. */
    public static UploadRejected crsRequired(String message) {
        return new UploadRejected(400, "CrsRequired", message);
    }

    /** The crs given with the upload is neither an EPSG code nor a registered local grid. */
    public static UploadRejected invalidCrs(String message) {
        return new UploadRejected(400, "InvalidCrs", message);
    }

    public static UploadRejected tooLarge(String message) {
        return new UploadRejected(413, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 413 -> "TooLarge";
            default -> "InvalidUpload";
        };
    }
}
