package cn.compoundgis.tiles;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the overview tables of tiles.json (migrations V28, V29: pipe_overview) made with the tolerance the rules ask
 * for: the simplification of the finest zoom made from them (tolerancePixels of that zoom's cell size, in EPSG:3857
 * metres). On start, if the stored tolerance is another (a new database, or changed rules), the whole overview is
 * made again in one transaction, a few seconds for a city of 1 000 000 pipes; the triggers keep it current after.
 */
final class TileOverview {
    private static final Logger LOG = Logger.getLogger(TileOverview.class.getName());
    /** Tolerances closer than this (metres) are the same: only a change of the rules remakes the overview. */
    private static final double SAME_M = 1e-9;

    private TileOverview() {
    }

    /**
     * The tolerance the overview of {@code layer} is simplified by: tolerancePixels of the finest zoom made from it,
     * also at or above simplifyBelowZoom (half a pixel is below what a screen shows; the tile's own grid of 4096 is
     * finer only by a factor of 8).
     */
    static double tolerance(TileRules rules, TileMatrixSet matrixSet, TileRules.LayerRule layer) {
        return rules.tolerancePixels() * matrixSet.cellSize(layer.mergeBelowZoom() - 1);
    }

    /** Makes the overview again when its stored tolerance is not the rules' (on the primary database). */
    static void ensure(DataSource primary, TileRules rules, TileMatrixSet matrixSet) throws SQLException {
        for (TileRules.LayerRule layer : rules.layers()) {
            if (layer.overview().isEmpty()) {
                continue;
            }
            double wanted = tolerance(rules, matrixSet, layer);
            String table = layer.overview().get().table();
            Transactions.inTransaction(primary, c -> remakeIfStale(c, table, layer.collection().table(), wanted));
        }
    }

    /**
     * An overview table {@code t} comes with {@code t_settings} (its tolerance) and {@code t_refresh(codes)}, which
     * makes the rows of the given compounds from the collection's table (migration V28); names checked by TileRules.
     */
    private static boolean remakeIfStale(Connection c, String table, String source, double wanted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tolerance_m FROM " + table + "_settings FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            double stored = rs.getDouble(1);
            if (!rs.wasNull() && Math.abs(stored - wanted) < SAME_M) {
                return false;
            }
        }
        long start = System.nanoTime();
        Sql.update(c, "UPDATE " + table + "_settings SET tolerance_m = :tolerance", SqlParams.of().float8("tolerance", wanted));
        Sql.run(c, "SELECT " + table + "_refresh(ARRAY(SELECT DISTINCT compound_code FROM " + source
                + " WHERE valid_to IS NULL))", SqlParams.of());
        LOG.info(() -> String.format("made %s with a tolerance of %.2f m in %.1f s", table, wanted,
                (System.nanoTime() - start) / 1e9));
        return true;
    }
}
