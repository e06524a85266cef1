package cn.compoundgis.checks.clearance;

import cn.compoundgis.checks.CheckGate;
import cn.compoundgis.checks.Pipe;
import cn.compoundgis.checks.PipeTable;
import cn.compoundgis.checks.CheckRequests;
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
import java.sql.Types;
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
             PreparedStatement ps = c.prepareStatement(
                     "SELECT EXISTS (SELECT 1 FROM compound WHERE code = ? AND valid_to IS NULL)"
                             + " OR EXISTS (SELECT 1 FROM pipe WHERE compound_code = ? AND valid_to IS NULL)")) {
            ps.setString(1, code);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    Optional<StagedSurvey> survey(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, compound_code, status FROM survey WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StagedSurvey(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    private void insert(Connection c, List<DesignPipes.DesignPipe> design, Crs in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                ClearanceQueries.insertDesignPipe(PostgisInput.geometry(CheckRequests.posted(in), storageSrid)))) {
            for (DesignPipes.DesignPipe d : design) {
                Pipe p = d.pipe();
                int i = 1;
                ps.setLong(i++, p.id());
                ps.setString(i++, p.sourceId());
                ps.setString(i++, p.network());
                ps.setString(i++, p.startNo());
                ps.setString(i++, p.endNo());
                ps.setString(i++, p.sizeText());
                setInteger(ps, i++, p.dnMm());
                setInteger(ps, i++, p.widthMm());
                setInteger(ps, i++, p.heightMm());
                ps.setString(i++, p.material());
                setNumber(ps, i++, p.startDepthM());
                setNumber(ps, i++, p.endDepthM());
                setNumber(ps, i++, p.startElevationM());
                setNumber(ps, i++, p.endElevationM());
                ps.setString(i++, p.depthReference());
                ps.setString(i++, p.burialMethod());
                ps.setString(i++, p.pressureClass());
                ps.setString(i++, p.owner());
                ps.setString(i++, d.extraJson());
                ps.setString(i, d.geometry().geoJson());
                ps.addBatch();
            }
            ps.executeBatch();
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

    private static void setInteger(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setNumber(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setDouble(i, v);
        }
    }
}
