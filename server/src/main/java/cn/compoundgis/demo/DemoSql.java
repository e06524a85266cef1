package cn.compoundgis.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every SQL statement of the demo loader, and the demo tables in load order. Each table is one file
 * {@code /data/demo/tables/<table>.csv} whose header is exactly the table's columns listed here (features end with
 * {@code geom}, WKT in EPSG:{@value #FILE_SRID}); values are bound as untyped text, so PostgreSQL reads them with
 * the column's own input function.
 */
final class DemoSql {
    private DemoSql() {
    }

    /** The CRS of the WKT in the files; geometry is stored in the working SRID. */
    static final int FILE_SRID = 4548;

    /** Serialises two servers starting on the same empty database (the mode conflicts with itself). */
    static final String LOCK_COMPOUND = "LOCK TABLE compound IN SHARE ROW EXCLUSIVE MODE";

    static final String ANY_COMPOUND = "SELECT EXISTS (SELECT 1 FROM compound)";

    static final String WORKING_SRID = "SELECT Find_SRID('public', 'compound', 'geom')";

    /** How a table's rows are inserted besides its file's columns. */
    enum Kind {
        /** The one survey row that delivered the demo data; committed now, its id returned. */
        SURVEY,
        /** A register item, valid from its compound's version (the file's first column is the compound code). */
        REGISTER_ITEM,
        /** A row with geometry (file column geom, may be empty): delivered by the survey when it has geometry. */
        FEATURE
    }

    record Table(String name, Kind kind, List<String> columns) {
        String resource() {
            return "/data/demo/tables/" + name + ".csv";
        }

        /** The file's header: the columns, and geom for a feature table. */
        List<String> header() {
            if (kind != Kind.FEATURE) {
                return columns;
            }
            List<String> header = new ArrayList<>(columns);
            header.add("geom");
            return Collections.unmodifiableList(header);
        }

        /** Parameters: the file's values in header order; then survey id and working SRID (features). */
        String insert() {
            String names = String.join(", ", columns);
            String values = String.join(", ", Collections.nCopies(columns.size(), "?"));
            return switch (kind) {
                case SURVEY -> "INSERT INTO " + name + " (" + names + ", committed_at) VALUES (" + values
                        + ", now()) RETURNING id";
                case REGISTER_ITEM -> "INSERT INTO " + name + " (" + names + ", valid_from) VALUES (" + values
                        + ", (SELECT valid_from FROM compound WHERE code = ? AND valid_to IS NULL))";
                case FEATURE -> "INSERT INTO " + name + " (" + names + ", survey_id, geom) VALUES (" + values
                        + ", ?, ST_Transform(ST_GeomFromText(?, " + FILE_SRID + "), ?))";
            };
        }
    }

    static final Table SURVEY = new Table("survey", Kind.SURVEY, List.of(
            "title", "surveyor", "surveyed_on", "status", "source_crs", "encoding", "report"));

    /** In load order: compounds before their items and features. */
    static final List<Table> TABLES = List.of(
            new Table("compound", Kind.FEATURE, List.of("code", "name", "district", "households", "site_area_m2",
                    "renovation_year", "renovation_status", "started_on", "completed_on", "extra", "source_id",
                    "changed_via")),
            new Table("compound_item", Kind.REGISTER_ITEM, List.of("compound_code", "category", "item", "unit",
                    "done_quantity", "note", "source", "changed_via")),
            new Table("building", Kind.FEATURE, List.of("compound_code", "name", "floors", "has_elevator",
                    "structure", "built_year", "extra", "source_id")),
            new Table("pipe_point", Kind.FEATURE, List.of("compound_code", "point_no", "network", "feature",
                    "appurtenance", "ground_elevation_m", "well_depth_m", "cover_label", "accuracy_class", "extra",
                    "source_id")),
            new Table("pipe", Kind.FEATURE, List.of("compound_code", "network", "subtype", "start_no", "end_no",
                    "size_text", "dn_mm", "width_mm", "height_mm", "material", "start_depth_m", "end_depth_m",
                    "start_elevation_m", "end_elevation_m", "depth_reference", "burial_method", "pressure_class",
                    "voltage_kv", "cable_count", "flow_direction", "owner", "build_year", "road", "status",
                    "source_id")),
            new Table("fire_lane", Kind.FEATURE, List.of("compound_code", "name", "required_width_m",
                    "carriageway_width_m", "extra", "source_id")),
            new Table("parking_stall", Kind.FEATURE, List.of("compound_code", "stall_no", "kind", "extra",
                    "source_id")),
            new Table("obstacle", Kind.FEATURE, List.of("compound_code", "kind", "note", "observed_on", "status",
                    "extra", "source_id")));
}
