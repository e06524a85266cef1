package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Message;
import cn.compoundgis.survey.crs.LocalGrid;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * The CRS a layer's coordinates are in: an EPSG code PostGIS transforms from, possibly reached through a
 * local city grid's four-parameter transform first (done here, in Java, before PostGIS sees the shape).
 */
record SourceCrs(int srid, Optional<LocalGrid> grid, String label, String how, Message said) {

    Geometry toSrid(Geometry geometry) {
        return grid.map(g -> g.toTarget(geometry)).orElse(geometry);
    }
}
