package cn.compoundgis.checks.dig;

import cn.compoundgis.checks.Pipe;

/**
 * A pipe or pipe point that lies in the dig area (grown by its positional uncertainty), with where it lies in depth
 * inside the area: outer top from {@code topMinM} to {@code topMaxM}, outer bottom down to {@code bottomMaxM}
 * (metres below ground; null where the survey gives no depth).
 *
 * @param exposure {@code will_be_exposed} (its top is above the dig depth), {@code may_be_exposed} (within the
 *                 depth uncertainty of it), {@code below_dig_depth}, {@code depth_unknown}; null without a dig depth
 */
record DigItem(String kind, Pipe pipe, PointRow point, String geometryJson, String surveyedOn, Long surveyId,
               Double outerSizeM, double planUncertaintyM, double depthUncertaintyM, Double topMinM, Double topMaxM,
               Double bottomMaxM, String exposure) {

    /** A pipe point as read for the dig check. */
    record PointRow(long id, String compound, String pointNo, String network, String feature, String appurtenance,
                    Double groundElevationM, Double wellDepthM, String accuracyClass, double x, double y) {
    }
}
