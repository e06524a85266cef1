package cn.compoundgis.survey.stage;

import cn.compoundgis.http.Json;
import cn.compoundgis.survey.crs.LocalGrid;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The registered local city grids (table local_grid); their parameters never leave the server. */
public final class LocalGrids {

    private LocalGrids() {
    }

    public static Optional<LocalGrid> find(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT target_srid, parameters::text FROM local_grid WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode p = Json.MAPPER.readTree(rs.getString(2));
                return Optional.of(new LocalGrid(name, rs.getInt(1), p.get("shift_easting_m").asDouble(),
                        p.get("shift_northing_m").asDouble(), p.get("rotation_arcsec").asDouble(), p.get("scale_ppm").asDouble()));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read local grid " + name, e);
        }
    }

    public static void save(DataSource dataSource, LocalGrid grid, String fitReportJson) throws SQLException {
        String parameters = Json.MAPPER.createObjectNode()
                .put("shift_easting_m", grid.shiftEastingMetres())
                .put("shift_northing_m", grid.shiftNorthingMetres())
                .put("rotation_arcsec", grid.rotationArcSeconds())
                .put("scale_ppm", grid.scalePpm()).toString();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO local_grid (name, target_srid, parameters, fit_report) "
                     + "VALUES (?, ?, ?::jsonb, ?::jsonb) ON CONFLICT (name) DO UPDATE SET target_srid = EXCLUDED.target_srid, "
                     + "parameters = EXCLUDED.parameters, fit_report = EXCLUDED.fit_report, created_at = now()")) {
            ps.setString(1, grid.name());
            ps.setInt(2, grid.targetEpsg());
            ps.setString(3, parameters);
            ps.setString(4, fitReportJson);
            ps.executeUpdate();
        }
    }
}
