package cn.compoundgis.survey.shapefile;

/**
 * What the shapefile reader accepts before a record or file is refused. Every count in a header is
 * checked against the file's real size first; these bound what a file of legal size could still ask for.
 *
 * @param maxAbsCoordinate   the largest |x| or |y| (also |z|) of a vertex and of the header's bounding box: 1e9
 *                           is beyond every projected CRS (zone-prefixed Gauss-Kruger eastings are ~4e7)
 * @param maxPartsPerRecord  the most parts (lines, rings) one record may have: each hole is matched to its
 *                           shell, which costs parts squared
 * @param maxPointsPerRecord the most vertices one record may have
 * @param minYear            the earliest year a date may carry (DBF date fields and text dates)
 * @param maxYear            the latest year a date may carry
 * @param maxCompanionTextBytes the largest .prj or .cpg read (they hold one line of text)
 */
public record ReaderLimits(double maxAbsCoordinate, int maxPartsPerRecord, int maxPointsPerRecord,
                           int minYear, int maxYear, int maxCompanionTextBytes) {
    public static final ReaderLimits DEFAULTS = new ReaderLimits(1e9, 1_000, 1_000_000, 1800, 2200, 64 * 1024);

    public boolean isSaneCoordinate(double v) {
        return Double.isFinite(v) && Math.abs(v) <= maxAbsCoordinate;
    }

    public boolean isSaneYear(int year) {
        return year >= minYear && year <= maxYear;
    }
}
