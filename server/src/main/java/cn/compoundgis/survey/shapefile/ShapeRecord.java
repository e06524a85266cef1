package cn.compoundgis.survey.shapefile;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One record of a shapefile: its 1-based number, geometry (null for a null shape) as stored, with x =
 * easting / longitude, and its attributes by field name (String, Long, Double, Boolean, LocalDate or null).
 */
public record ShapeRecord(int number, Geometry geometry, Map<String, Object> attributes) {
}
