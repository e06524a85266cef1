package cn.compoundgis.demo;

import cn.compoundgis.demo.DemoRows.BuildingRec;
import cn.compoundgis.demo.DemoRows.CompoundData;
import cn.compoundgis.demo.DemoRows.CompoundRec;
import cn.compoundgis.compounds.RegisterCodes;
import cn.compoundgis.demo.DemoRows.FireLaneRec;
import cn.compoundgis.demo.DemoRows.ItemRec;
import cn.compoundgis.demo.DemoRows.ObstacleRec;
import cn.compoundgis.demo.DemoRows.PipeRec;
import cn.compoundgis.demo.DemoRows.PointRec;
import cn.compoundgis.demo.DemoRows.StallRec;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts the generated rows with batched, parameterised statements on the caller's transaction: how the server
 * loaded the demo data before it was committed as files; kept as the reference DemoFilesTest compares with.
 */
final class DemoWriter {
    static final String SURVEY_TITLE = "演示数据 demo data";
    static final String SURVEYOR = "演示数据生成器 cn.compoundgis.demo";
    static final LocalDate SURVEYED_ON = LocalDate.of(2019, 6, 1);

    private final Connection connection;
    private final int srid;
    private long surveyId;

    private DemoWriter(Connection connection, int srid) {
        this.connection = connection;
        this.srid = srid;
    }

    static void write(Connection connection, int srid, List<CompoundData> data) throws SQLException {
        DemoWriter w = new DemoWriter(connection, srid);
        w.surveyId = w.insertSurvey(data);
        w.insertCompounds(data.stream().map(CompoundData::compound).toList());
        w.insertItems(data.stream().flatMap(d -> d.compound().items().stream()).toList());
        w.insertBuildings(data.stream().flatMap(d -> d.buildings().stream()).toList());
        w.insertPoints(data.stream().flatMap(d -> d.points().stream()).toList());
        w.insertPipes(data.stream().flatMap(d -> d.pipes().stream()).toList());
        w.insertFireLanes(data.stream().flatMap(d -> d.fireLanes().stream()).toList());
        w.insertStalls(data.stream().flatMap(d -> d.stalls().stream()).toList());
        w.insertObstacles(data.stream().flatMap(d -> d.obstacles().stream()).toList());
    }

    /** The survey's report: what generated the data and how many rows of each table. */
    static Map<String, Object> report(List<CompoundData> data) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("generator", "cn.compoundgis.demo.DemoData");
        report.put("seed", DemoLayout.SEED);
        report.put("published_numbers", CompoundCsv.RESOURCE);
        report.put("compounds", data.size());
        report.put("buildings", data.stream().mapToInt(d -> d.buildings().size()).sum());
        report.put("pipe_points", data.stream().mapToInt(d -> d.points().size()).sum());
        report.put("pipes", data.stream().mapToInt(d -> d.pipes().size()).sum());
        report.put("fire_lanes", data.stream().mapToInt(d -> d.fireLanes().size()).sum());
        report.put("parking_stalls", data.stream().mapToInt(d -> d.stalls().size()).sum());
        report.put("obstacles", data.stream().mapToInt(d -> d.obstacles().size()).sum());
        return report;
    }

    private long insertSurvey(List<CompoundData> data) throws SQLException {
        Map<String, Object> report = report(data);
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_SURVEY)) {
            ps.setString(1, SURVEY_TITLE);
            ps.setString(2, SURVEYOR);
            ps.setDate(3, Date.valueOf(SURVEYED_ON));
            ps.setString(4, "EPSG:" + DemoLayout.DEMO_SRID);
            ps.setString(5, json(report));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insertCompounds(List<CompoundRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_COMPOUND)) {
            for (CompoundRec r : rows) {
                int i = 0;
                ps.setString(++i, r.code());
                ps.setString(++i, r.name());
                ps.setString(++i, r.district());
                ps.setObject(++i, r.households(), Types.INTEGER);
                ps.setObject(++i, r.siteAreaM2() == null ? null : BigDecimal.valueOf(r.siteAreaM2()), Types.NUMERIC);
                ps.setInt(++i, r.renovationYear());
                ps.setString(++i, r.renovationStatus());
                ps.setObject(++i, r.startedOn() == null ? null : Date.valueOf(r.startedOn()), Types.DATE);
                ps.setObject(++i, r.completedOn() == null ? null : Date.valueOf(r.completedOn()), Types.DATE);
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.code());
                // a compound registered without a boundary (篇二) was delivered by no survey
                ps.setObject(++i, r.wkt() == null ? null : surveyId, Types.BIGINT);
                ps.setString(++i, r.wkt());
                ps.setInt(++i, srid);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertItems(List<ItemRec> rows) throws SQLException {
        RegisterCodes codes = RegisterCodes.get();
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_ITEM)) {
            for (ItemRec r : rows) {
                RegisterCodes.Item item = codes.item(r.item()).orElseThrow(() -> new IllegalStateException(
                        "demo data: " + r.item() + " is not an item of compounds/register.json"));
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, item.category());
                ps.setString(++i, item.code());
                ps.setString(++i, item.unit());
                ps.setBigDecimal(++i, BigDecimal.valueOf(r.doneQuantity()));
                ps.setString(++i, r.note());
                ps.setString(++i, r.source());
                ps.setString(++i, r.compoundCode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertBuildings(List<BuildingRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_BUILDING)) {
            for (BuildingRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.name());
                ps.setInt(++i, r.floors());
                ps.setBoolean(++i, r.hasElevator());
                ps.setString(++i, r.structure());
                ps.setInt(++i, r.builtYear());
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.sourceId());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    private void insertPoints(List<PointRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_PIPE_POINT)) {
            for (PointRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.pointNo());
                ps.setString(++i, r.network());
                ps.setString(++i, r.feature());
                ps.setString(++i, r.appurtenance());
                setMetres(ps, ++i, r.groundMm());
                setMetres(ps, ++i, r.wellDepthMm());
                ps.setString(++i, r.coverLabel());
                ps.setString(++i, r.visible() ? "visible" : "hidden");
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.pointNo());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    private void insertPipes(List<PipeRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_PIPE)) {
            for (PipeRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.network());
                ps.setString(++i, r.subtype());
                ps.setString(++i, r.startNo());
                ps.setString(++i, r.endNo());
                ps.setString(++i, r.sizeText());
                setInteger(ps, ++i, r.dnMm());
                setInteger(ps, ++i, r.widthMm());
                setInteger(ps, ++i, r.heightMm());
                ps.setString(++i, r.material());
                setMetres(ps, ++i, r.startDepthMm());
                setMetres(ps, ++i, r.endDepthMm());
                setMetres(ps, ++i, r.startElevationMm());
                setMetres(ps, ++i, r.endElevationMm());
                ps.setString(++i, r.depthReference());
                ps.setString(++i, r.burialMethod());
                ps.setString(++i, r.pressureClass());
                if (r.voltageKv() == null) {
                    ps.setNull(++i, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(++i, BigDecimal.valueOf(r.voltageKv()));
                }
                setInteger(ps, ++i, r.cableCount());
                ps.setString(++i, r.owner());
                ps.setInt(++i, r.buildYear());
                ps.setString(++i, r.road());
                ps.setString(++i, r.sourceId());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    private void insertFireLanes(List<FireLaneRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_FIRE_LANE)) {
            for (FireLaneRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.name());
                ps.setBigDecimal(++i, BigDecimal.valueOf(r.requiredWidthM()));
                ps.setBigDecimal(++i, BigDecimal.valueOf(r.carriagewayWidthM()));
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.sourceId());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    private void insertStalls(List<StallRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_PARKING_STALL)) {
            for (StallRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.stallNo());
                ps.setString(++i, r.kind());
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.stallNo());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    private void insertObstacles(List<ObstacleRec> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DemoWriterSql.INSERT_OBSTACLE)) {
            for (ObstacleRec r : rows) {
                int i = 0;
                ps.setString(++i, r.compoundCode());
                ps.setString(++i, r.kind());
                ps.setString(++i, r.note());
                ps.setDate(++i, Date.valueOf(r.observedOn()));
                ps.setString(++i, r.status());
                ps.setString(++i, json(r.extra()));
                ps.setString(++i, r.sourceId());
                finish(ps, i, r.wkt());
            }
            ps.executeBatch();
        }
    }

    /** The last three parameters of every feature insert: survey, WKT, working SRID; then queue the row. */
    private void finish(PreparedStatement ps, int i, String wkt) throws SQLException {
        ps.setLong(i + 1, surveyId);
        ps.setString(i + 2, wkt);
        ps.setInt(i + 3, srid);
        ps.addBatch();
    }

    private static void setMetres(PreparedStatement ps, int i, Long millimetres) throws SQLException {
        if (millimetres == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, BigDecimal.valueOf(millimetres, 3));
        }
    }

    private static void setInteger(PreparedStatement ps, int i, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, value);
        }
    }

    static String json(Map<String, Object> value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("demo data: cannot write JSON", e);
        }
    }
}
