package cn.compoundgis.compounds;

import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.PostedCrs;
import cn.compoundgis.geo.PostgisInput;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every SQL statement of the compound register. Column names come from {@link RegisterField} (never from the
 * request); every value is a bound parameter, named ({@code :code}, bound through cn.compoundgis.db.Sql) except in
 * the versions and items written, which the import runs as JDBC batches: those keep positional {@code ?}s bound in
 * column order, one statement prepared once for many rows.
 */
final class CompoundQueries {
    private CompoundQueries() {
    }

    /**
     * Writers of one compound code queue behind each other (two keys: this register, the code's bucket). Codes share
     * {@value #LOCK_BUCKETS} buckets so that a list import of thousands of codes takes a bounded number of locks
     * (PostgreSQL's lock table is small); two codes of one bucket merely wait for each other.
     */
    static final int LOCK_BUCKETS = 256;
    static final String LOCK_CODE = "SELECT pg_advisory_xact_lock(hashtext('compound-register'), hashtext(:code) & "
            + (LOCK_BUCKETS - 1) + ")";

    /** An import's lock: every bucket of its codes, in bucket order (so two imports cannot deadlock). */
    static final String LOCK_CODES = "SELECT count(pg_advisory_xact_lock(hashtext('compound-register'), b)) FROM ("
            + "SELECT DISTINCT hashtext(c) & " + (LOCK_BUCKETS - 1) + " AS b FROM unnest(:codes::text[]) c ORDER BY 1) x";

    /** Staged imports (V18): removing old ones, staging one, reading one, marking one committed. */
    static final String DROP_OLD_IMPORTS = "DELETE FROM compound_import WHERE status = 'staged'"
            + " AND created_at < now() - make_interval(hours => :hours)";
    static final String STAGE_IMPORT = "INSERT INTO compound_import (format, encoding, crs, file, report, file_name, sheet)"
            + " VALUES (:format, :encoding, :crs, :file, :report::jsonb, :file_name, :sheet) RETURNING id";
    static final String STAGED_IMPORT = "SELECT format, encoding, crs, file, status, report::text,"
            + " to_json(created_at) #>> '{}', to_json(committed_at) #>> '{}', file_name, sheet FROM compound_import WHERE id = :id";
    static final String COMMIT_IMPORT = "UPDATE compound_import SET status = 'committed', committed_at = now(),"
            + " report = :report::jsonb WHERE id = :id AND status = 'staged'";

    /** The districts of the current register, the most compounds first: the editor's list to choose from. */
    static final String DISTRICTS = "SELECT district FROM compound WHERE valid_to IS NULL AND district IS NOT NULL"
            + " GROUP BY district ORDER BY count(*) DESC, district LIMIT :limit";

    /** Which of the given codes are registered now. */
    static final String CURRENT_CODES = "SELECT code FROM compound WHERE valid_to IS NULL AND code = ANY(:codes::text[])";

    /** One clock for the whole write: the old version's valid_to, the new one's valid_from, items alike. */
    static final String CLOCK = "SELECT clock_timestamp()";

    static final String CURRENT_ID = "SELECT id FROM compound WHERE code = :code AND valid_to IS NULL FOR UPDATE";

    /** The current version of a code, locked: its id, then its register fields as text in {@link RegisterField} order. */
    static final String CURRENT_FIELDS_AS_TEXT = "SELECT id, " + Arrays.stream(RegisterField.values())
            .map(f -> f.column() + "::text").collect(Collectors.joining(", "))
            + " FROM compound WHERE code = :code AND valid_to IS NULL FOR UPDATE";

    /**
     * A posted boundary ({@code :boundary}, GeoJSON) in the working CRS: validity and its reason (cut short), and the
     * MultiPolygon as EWKB hex.
     */
    static String postedBoundary(PostedCrs crs, int workingSrid, int maxReasonChars) {
        return "SELECT ST_IsValid(g), left(ST_IsValidReason(g), " + maxReasonChars + "), ST_AsEWKB(ST_Multi(g))"
                + " FROM (SELECT " + PostgisInput.geometry(":boundary::text", crs, workingSrid) + " AS g) x";
    }

    /**
     * Many posted boundaries at once (a list import): for each GeoJSON text of the array, in its order, what
     * {@link #postedBoundary} answers for one.
     */
    static String postedBoundaries(PostedCrs crs, int workingSrid, int maxReasonChars) {
        return "SELECT ST_IsValid(g), left(ST_IsValidReason(g), " + maxReasonChars + "), ST_AsEWKB(ST_Multi(g))"
                + " FROM (SELECT x.ord, " + PostgisInput.geometry("x.j", crs, workingSrid) + " AS g"
                + " FROM unnest(:boundaries::text[]) WITH ORDINALITY AS x(j, ord)) y ORDER BY ord";
    }

    /**
     * Other current compounds whose boundary shares area with the given one (EWKB hex), largest overlap first,
     * with the overlap in m² (measured on the spheroid, whatever the working CRS). A stored boundary that is
     * itself invalid is repaired for the measurement only.
     */
    static final String OVERLAPS = """
            SELECT code, overlap_m2 FROM (
                SELECT c.code, ST_Area(ST_Transform(ST_Intersection(
                           CASE WHEN ST_IsValid(c.geom) THEN c.geom ELSE ST_MakeValid(c.geom) END, x.g), 4326)::geography)
                       AS overlap_m2
                FROM compound c, (SELECT ST_GeomFromEWKB(decode(:boundary, 'hex')) AS g) x
                WHERE c.valid_to IS NULL AND c.code <> :code AND c.geom && x.g AND ST_Intersects(c.geom, x.g)) o
            WHERE overlap_m2 > 0 ORDER BY overlap_m2 DESC, code LIMIT :limit""";

    /**
     * {@link #OVERLAPS} for many compounds just created in this transaction (their codes as an array), each measured as
     * if the creates had come one after the other: against the register as it was and the ones created before it
     * (a smaller id). Ordered by compound (in the order of creation), then as {@link #OVERLAPS}; not limited per
     * compound (the caller keeps the first ones).
     */
    static final String OVERLAPS_OF_CREATED = """
            WITH b AS (SELECT id, code, geom FROM compound
                       WHERE valid_to IS NULL AND geom IS NOT NULL AND code = ANY(:codes::text[]))
            SELECT code, other, overlap_m2 FROM (
                SELECT b.id, b.code, c.code AS other, ST_Area(ST_Transform(ST_Intersection(
                           CASE WHEN ST_IsValid(c.geom) THEN c.geom ELSE ST_MakeValid(c.geom) END, b.geom), 4326)::geography)
                       AS overlap_m2
                FROM b JOIN compound c ON c.valid_to IS NULL AND c.code <> b.code AND c.geom && b.geom
                                          AND ST_Intersects(c.geom, b.geom)
                WHERE c.id < b.id OR NOT EXISTS (SELECT 1 FROM b AS later WHERE later.id = c.id)) o
            WHERE overlap_m2 > 0 ORDER BY id, overlap_m2 DESC, other""";

    /** Whether version {@code id}'s boundary is the same shape as the given one (EWKB hex; both null counts as same). */
    static final String SAME_BOUNDARY = """
            SELECT 1 FROM compound, (SELECT ST_GeomFromEWKB(decode(:boundary, 'hex')) AS g) x WHERE id = :id
            AND CASE WHEN geom IS NULL OR x.g IS NULL THEN geom IS NULL AND x.g IS NULL ELSE ST_Equals(geom, x.g) END""";

    static final String CLOSE_VERSION = "UPDATE compound SET valid_to = :at WHERE id = :id";

    /**
     * A new version: code, every register field, then the boundary ({@code geometry}: an expression with its own
     * parameters), source_id, survey_id, extra, who and why, valid_from.
     */
    static String insertVersion(String geometry) {
        return insertVersionRow(geometry) + " RETURNING id";
    }

    /** {@link #insertVersion} without an answer, as a JDBC batch needs it. */
    static String insertVersionRow(String geometry) {
        String columns = Arrays.stream(RegisterField.values()).map(RegisterField::column).collect(Collectors.joining(", "));
        String values = Arrays.stream(RegisterField.values()).map(RegisterField::parameter).collect(Collectors.joining(", "));
        return "INSERT INTO compound (code, " + columns + ", geom, source_id, survey_id, extra, changed_by, changed_via,"
                + " change_reason, valid_from) VALUES (?, " + values + ", " + geometry
                + ", ?, ?, COALESCE(?::jsonb, '{}'), ?, ?, ?, ?)";
    }

    static final String NEW_BOUNDARY = "ST_GeomFromEWKB(decode(?, 'hex'))";
    static final String NO_BOUNDARY = "NULL";
    static final String KEPT_BOUNDARY = "(SELECT geom FROM compound WHERE id = ?)";

    /** What a new version keeps of the one it replaces besides the register fields. */
    static final String PROVENANCE = "SELECT source_id, survey_id, extra::text FROM compound WHERE id = :id";

    static final String CURRENT_ITEMS = """
            SELECT id, item, planned_quantity::text, done_quantity::text, note, source
            FROM compound_item WHERE compound_code = :code AND valid_to IS NULL FOR UPDATE""";

    static final String CLOSE_ITEM = "UPDATE compound_item SET valid_to = :at WHERE id = :id";

    static final String INSERT_ITEM = """
            INSERT INTO compound_item (compound_code, category, item, unit, planned_quantity, done_quantity, note, source,
                                       changed_by, changed_via, valid_from)
            VALUES (?, ?, ?, ?, ?::numeric, ?::numeric, ?, ?, ?, ?, ?)""";

    /** The current version as JSON: every register field, the boundary in {@code crs}, who wrote it and when. */
    static String currentRecord(Crs crs, int workingSrid) {
        String fields = Arrays.stream(RegisterField.values()).map(f -> "c." + f.column()).collect(Collectors.joining(", "));
        return "SELECT to_json(r)::text FROM (SELECT c.id AS version_id, c.code, " + fields + ", ST_AsGeoJSON("
                + crs.geometryExpression("c.geom", workingSrid) + ", " + crs.decimals() + ")::json AS boundary,"
                + " c.source_id, c.survey_id, c.valid_from, c.valid_to, c.changed_by, c.changed_via, c.change_reason"
                + " FROM compound c WHERE c.code = :code AND c.valid_to IS NULL) r";
    }

    static final String ITEMS_JSON = """
            SELECT json_object_agg(item, json_build_object('category', category, 'unit', unit,
                       'planned_quantity', planned_quantity, 'done_quantity', done_quantity, 'note', note,
                       'source', source, 'valid_from', valid_from) ORDER BY item)::text
            FROM compound_item WHERE compound_code = :code AND valid_to IS NULL""";

    static final String VERSION_COUNT = "SELECT count(*) FROM compound WHERE code = :code";

    /**
     * The newest versions, newest first (one more than shown, to tell what the oldest shown changed): when, who,
     * through what, the fields as JSON, a hash of the boundary, and whether items changed with it.
     */
    static final String VERSIONS = "SELECT c.id, to_json(c.valid_from) #>> '{}', to_json(c.valid_to) #>> '{}', c.changed_by, c.changed_via, c.change_reason,"
            + " c.survey_id, (SELECT to_jsonb(r) FROM (SELECT " + Arrays.stream(RegisterField.values())
            .map(f -> "c." + f.column()).collect(Collectors.joining(", ")) + ") r)::text,"
            + " md5(ST_AsEWKB(c.geom)::text),"
            + " EXISTS (SELECT 1 FROM compound_item i WHERE i.compound_code = c.code"
            + " AND (i.valid_from = c.valid_from OR i.valid_to = c.valid_from))"
            + " FROM compound c WHERE c.code = :code ORDER BY c.valid_from DESC, c.id DESC LIMIT :limit";
}
