package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.PipeTable;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.geo.Crs;
import cn.compoundgis.geo.Coverage;
import cn.compoundgis.geo.PostgisInput;
import cn.compoundgis.http.ApiError;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs the clearance check against the database: finds candidate pairs by index and judges each as it streams in. */
final class ClearanceStore {
    private static final int FETCH_SIZE = 1000;

    /** Where the judged pairs go, as they are judged. */
    interface PairSink {
        /** Called once the candidate pairs are counted and within the limit, before the first is measured. */
        void begin(long candidatePairs) throws IOException;

        void accept(ClearanceEvaluator.Result result) throws IOException;
    }

    /** A staged upload: its compound and whether it is still staged. */
    record StagedSurvey(long id, String compound, String status) {
    }

    private final DataSource dataSource;
    private final ClearanceQueries queries;
    private final int storageSrid;
    private final CheckGate gate;

    ClearanceStore(DataSource dataSource, int storageSrid, CheckGate gate) {
        this.dataSource = dataSource;
        this.queries = new ClearanceQueries(storageSrid);
        this.storageSrid = storageSrid;
        this.gate = gate;
    }

    void design(List<DesignPipes.DesignPipe> design, Crs in, Crs out, ClearanceRules rules, ClearanceEvaluator evaluator,
                PairSink sink) throws SQLException, IOException {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(PipeTable.CREATE_DESIGN_TABLE);
            }
            insert(c, design, in);
            try (Statement s = c.createStatement()) {
                s.execute(ClearanceQueries.INDEX_DESIGN);
                s.execute(ClearanceQueries.ANALYZE_DESIGN);
                try (ResultSet rs = s.executeQuery(ClearanceQueries.DEGENERATE_DESIGN)) {
                    if (rs.next()) {
                        throw ApiError.badParameter("feature " + rs.getLong(1) + ": the design pipe has no length or is"
                                + " not a valid line (repeated points only, or crossing itself)");
                    }
                }
            }
            run(c, ClearanceQueries.design(), out, rules, evaluator, sink);
        });
    }

    /** How much of the design pipes' length lies inside surveyed compounds. */
    Coverage coverage(List<DesignPipes.DesignPipe> design, Crs in) throws SQLException {
        String subject = "SELECT " + PostgisInput.geometry("t.j", CheckRequests.posted(in), storageSrid)
                + " AS g FROM unnest(:lines::text[]) AS t(j)";
        try (Connection c = dataSource.getConnection()) {
            Object[] lines = design.stream().map(d -> d.geometry().geoJson()).toArray();
            return Coverage.measure(c, subject, SqlParams.of().array("lines", "text", lines));
        }
    }

    void compound(String code, Crs out, ClearanceRules rules, ClearanceEvaluator evaluator, PairSink sink)
            throws SQLException, IOException {
        inTransaction(c -> run(c, ClearanceQueries.compound(code), out, rules, evaluator, sink));
    }

    void survey(StagedSurvey survey, Crs out, ClearanceRules rules, ClearanceEvaluator evaluator, PairSink sink)
            throws SQLException, IOException {
        inTransaction(c -> run(c, ClearanceQueries.survey(survey.id(), survey.compound()), out, rules, evaluator, sink));
    }

    boolean compoundExists(String code) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, ClearanceQueries.COMPOUND_EXISTS, SqlParams.of().text("code", code));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    Optional<StagedSurvey> survey(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, ClearanceQueries.SURVEY, SqlParams.of().bigint("id", id));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new StagedSurvey(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
        }
    }

    private void insert(Connection c, List<DesignPipes.DesignPipe> design, Crs in) throws SQLException {
        try (Sql.Batch batch = Sql.batch(c, ClearanceQueries.insertDesignPipe(
                PostgisInput.geometry(":geometry::text", CheckRequests.posted(in), storageSrid)))) {
            for (DesignPipes.DesignPipe d : design) {
                Pipe p = d.pipe();
                batch.add(SqlParams.of().bigint("id", p.id()).text("source_id", p.sourceId()).text("network", p.network())
                        .text("start_no", p.startNo()).text("end_no", p.endNo()).text("size_text", p.sizeText())
                        .integer("dn_mm", p.dnMm()).integer("width_mm", p.widthMm()).integer("height_mm", p.heightMm())
                        .text("material", p.material()).float8("start_depth_m", p.startDepthM()).float8("end_depth_m", p.endDepthM())
                        .float8("start_elevation_m", p.startElevationM()).float8("end_elevation_m", p.endElevationM())
                        .text("depth_reference", p.depthReference()).text("burial_method", p.burialMethod())
                        .text("pressure_class", p.pressureClass()).text("owner", p.owner()).text("extra", d.extraJson())
                        .text("geometry", d.geometry().geoJson()));
            }
            batch.run();
        } catch (java.sql.BatchUpdateException e) {
            if (CheckGate.cancelled(e) || CheckGate.cancelled(e.getNextException())) {
                throw gate.timeUp();
            }
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw ApiError.badParameter("a design pipe's geometry could not be read in the given crs: "
                    + cause.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void run(Connection c, List<ClearanceQueries.Pairing> pairings, Crs out, ClearanceRules rules,
                     ClearanceEvaluator evaluator, PairSink sink) throws SQLException, IOException {
        sink.begin(candidatePairs(c, pairings, rules));
        for (ClearanceQueries.Pairing pairing : pairings) {
            ClearanceQueries.Statement statement = queries.pairs(pairing, out, rules.searchRadiusM(), rules.touchToleranceM());
            try (PreparedStatement ps = prepare(c, statement)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        gate.checkTime();
                        sink.accept(evaluator.evaluate(pair(rs, pairing)));
                    }
                }
            }
        }
    }

    /** The candidate pairs of all pairings, counted by the database; over max_pairs is a 422 before any is measured. */
    private long candidatePairs(Connection c, List<ClearanceQueries.Pairing> pairings, ClearanceRules rules)
            throws SQLException {
        long max = gate.limits().clearanceMaxPairs();
        long total = 0;
        for (ClearanceQueries.Pairing pairing : pairings) {
            try (PreparedStatement ps = prepare(c, queries.pairCount(pairing, rules.searchRadiusM(), max + 1 - total));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total += rs.getLong(1);
            }
            if (total > max) {
                throw ApiError.overLimit("more than " + max + " candidate pairs (pipes within " + rules.searchRadiusM()
                        + " m of each other) to measure; one check measures at most " + max + " (max_pairs in"
                        + " check-limits.json): narrow the design or split it");
            }
        }
        return total;
    }

    private static PreparedStatement prepare(Connection c, ClearanceQueries.Statement statement) throws SQLException {
        PreparedStatement ps = c.prepareStatement(statement.sql());
        int i = 1;
        for (Object parameter : statement.parameters()) {
            ps.setObject(i++, parameter);
        }
        return ps;
    }

    private static PairGeometry pair(ResultSet rs, ClearanceQueries.Pairing pairing) throws SQLException {
        return new PairGeometry(pairing.subject().read(rs, "a_"), pairing.against().read(rs, "b_"),
                rs.getDouble("plan_distance"), rs.getBoolean("crosses"), rs.getDouble("a_fraction"),
                rs.getDouble("b_fraction"), rs.getBoolean("connected"), rs.getString("location"));
    }

    private interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    /**
     * One transaction, rolled back at the end (a cursor streams the pairs; the design table lives only this long).
     * The check's connections come in a transaction already (CheckConnections); this holds for any pool.
     */
    private void inTransaction(Work work) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
            } finally {
                c.rollback();
            }
        }
    }
}
