package cn.compoundgis.survey.upload;

/** An upload refused as a whole, before anything was staged: the message says which file and why. */
public final class UploadRejected extends Exception {
    private final int status;

    public UploadRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public static UploadRejected badInput(String message) {
        return new UploadRejected(400, message);
    }

    public static UploadRejected tooLarge(String message) {
        return new UploadRejected(413, message);
    }

    public int status() {
        return status;
    }
}
