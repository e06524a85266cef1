package cn.compoundgis.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A collection of the OGC API: which table it reads and which properties it shows.
 *
 * @param id          the path segment, e.g. {@code pipe-points}
 * @param table       the table of current and historical versions
 * @param geometryType the GeoJSON geometry type(s), for the API document
 * @param storesCrs84GeoJson whether the table keeps each current version's CRS84 GeoJSON (V35 migration), which
 *                   {@link FeatureQueries} then reads instead of projecting and writing the geometry
 */
public record FeatureCollection(String id, String title, String description, String table, String geometryType,
                                List<Property> properties, boolean storesCrs84GeoJson) {

    public FeatureCollection(String id, String title, String description, String table, String geometryType,
                             List<Property> properties) {
        this(id, title, description, table, geometryType, properties, false);
    }

    /** The same collection, read from a table that keeps the CRS84 GeoJSON of its current versions. */
    FeatureCollection withStoredCrs84GeoJson() {
        return new FeatureCollection(id, title, description, table, geometryType, properties, true);
    }

    /** Properties that every feature has: its compound, where it came from and when it was valid. */
    static List<Property> withProvenance(Property compound, List<Property> own) {
        List<Property> all = new ArrayList<>();
        all.add(compound);
        all.addAll(own);
        all.add(new Property("extra", "f.extra", "object", null, "attributes as delivered that have no column of their own"));
        all.add(Property.text("source_id", "identifier as surveyed: a point's number, a pipe's start-end point numbers, else the id/编号/BH field"));
        all.add(Property.integer("survey_id", "the survey that delivered this version"));
        all.add(new Property("surveyed_on", "s.surveyed_on", "string", "date", "date of that survey"));
        all.add(new Property("valid_from", "f.valid_from", "string", "date-time", "when this version became current"));
        all.add(new Property("valid_to", "f.valid_to", "string", "date-time", "when a later version replaced it (null while current)"));
        return List.copyOf(all);
    }

    static Property compoundCode() {
        return new Property("compound", "f.compound_code", "string", null, "code of the compound it belongs to");
    }

    public Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
