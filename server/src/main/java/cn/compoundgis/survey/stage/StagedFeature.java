package cn.compoundgis.survey.stage;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** A record turned into a row of a staging table: its columns by name and its geometry in the source CRS. */
record StagedFeature(Map<String, Object> columns, Geometry geometry) {
}
