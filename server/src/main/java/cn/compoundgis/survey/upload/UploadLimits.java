package cn.compoundgis.survey.upload;

/**
 * Bounds on what one upload may unpack to. A zip bomb is stopped by the total it may inflate to and by the
 * ratio of inflated to compressed bytes of any large entry; both are counted on the bytes actually written.
 *
 * @param maxUploadBytes      the largest request accepted (default 200 MB, issue 4)
 * @param maxUnpackedBytes    the most all zip entries may unpack to
 * @param maxEntries          the most entries a zip may hold
 * @param maxCompressionRatio the highest inflated/compressed ratio of an entry larger than {@code ratioFloorBytes}
 * @param maxEntryNameBytes   the longest entry name (and uploaded file name) accepted, in UTF-8 bytes: 255, what
 *                            a file name may have on common file systems
 */
public record UploadLimits(long maxUploadBytes, long maxUnpackedBytes, int maxEntries, double maxCompressionRatio,
                           long ratioFloorBytes, int maxEntryNameBytes) {
    private static final int NAME_BYTES = 255;
    private static final long MB = 1024L * 1024L;

    public static UploadLimits defaults() {
        return new UploadLimits(200 * MB, 2048 * MB, 10_000, 200.0, MB, NAME_BYTES);
    }

    public static UploadLimits withMaxUploadMb(long megabytes) {
        UploadLimits d = defaults();
        return new UploadLimits(megabytes * MB, Math.max(d.maxUnpackedBytes(), 10 * megabytes * MB),
                d.maxEntries(), d.maxCompressionRatio(), d.ratioFloorBytes(), d.maxEntryNameBytes());
    }
}
