package cn.compoundgis.survey.stage;

import cn.compoundgis.audit.Actor;
import cn.compoundgis.audit.AuditLog;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.Transactions;
import cn.compoundgis.http.Json;
import cn.compoundgis.survey.crs.LocalGrid;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The registered local city grids (table local_grid); their parameters never leave the server. */
public final class LocalGrids {
    private LocalGrids() {
    }

    public static Optional<LocalGrid> find(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, StageQueries.LOCAL_GRID, SqlParams.of().text("name", name));
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            JsonNode p = Json.MAPPER.readTree(rs.getString(2));
            return Optional.of(new LocalGrid(name, rs.getInt(1), p.get("shift_easting_m").asDouble(),
                    p.get("shift_northing_m").asDouble(), p.get("rotation_arcsec").asDouble(), p.get("scale_ppm").asDouble()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read local grid " + name, e);
        }
    }

    /** Saves a grid and audits {@code local_grid.registered} (its name, target and how it was given, not its parameters). */
    public static void save(DataSource dataSource, LocalGrid grid, String fitReportJson, Actor actor) throws SQLException {
        String parameters = Json.MAPPER.createObjectNode()
                .put("shift_easting_m", grid.shiftEastingMetres())
                .put("shift_northing_m", grid.shiftNorthingMetres())
                .put("rotation_arcsec", grid.rotationArcSeconds())
                .put("scale_ppm", grid.scalePpm()).toString();
        Transactions.inTransaction(dataSource, c -> {
            Sql.update(c, StageQueries.SAVE_LOCAL_GRID, SqlParams.of().text("name", grid.name()).integer("target_srid", grid.targetEpsg())
                    .text("parameters", parameters).text("fit_report", fitReportJson));
            AuditLog.record(c, actor, "local_grid.registered", null, "local grid " + grid.name(), Map.of(
                    "target_epsg", grid.targetEpsg(), "given_by", fitReportJson == null ? "parameters" : "control_points"));
            return null;
        });
    }
}
