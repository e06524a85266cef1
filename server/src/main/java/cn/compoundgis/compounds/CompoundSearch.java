package cn.compoundgis.compounds;

import static cn.compoundgis.db.ResultSets.doubleOrNull;
import static cn.compoundgis.db.ResultSets.integerOrNull;

import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.db.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Finds current compounds by code, name, pinyin (initials or full), district and address, ranked (see
 * compounds/search.sql). The pinyin columns are kept up to date here, not by the writers: every search first
 * refreshes a bounded batch of the rows whose pinyin is stale, so a compound inserted by the demo loader, a survey
 * commit or the register API is found by its initials without their knowing about it.
 */
public final class CompoundSearch {
    private static final Logger LOG = Logger.getLogger(CompoundSearch.class.getName());
    private static final String SEARCH = SqlResource.load("/compounds/search.sql");
    private static final String STALE = SqlResource.load("/compounds/pinyin-stale.sql");
    private static final String UPDATE = SqlResource.load("/compounds/pinyin-update.sql");

    private final DataSource dataSource;
    private final CompoundSearchLimits limits;

    public CompoundSearch(DataSource dataSource, CompoundSearchLimits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
    }

    /** One found compound; bbox is [west, south, east, north] and centre [lon, lat], both CRS84. */
    public record Hit(String code, String name, String district, Integer households, Double siteAreaM2,
                      Integer builtYear, Integer renovationYear, String renovationStatus, int rank,
                      double[] bbox, double[] centre) {
    }

    public record Page(long numberMatched, List<Hit> hits) {
    }

    public Page search(String query, int limit, long offset) throws SQLException {
        refreshPinyin();
        String lq = query.toLowerCase(java.util.Locale.ROOT);
        String py = CompoundPinyin.query(query);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SEARCH, SqlParams.of().text("lq", lq).text("lprefix", likePrefix(lq))
                     .text("py", py).text("pyprefix", py == null ? null : likePrefix(py)).integer("limit", limit)
                     .bigint("offset", offset))) {
            try (ResultSet rs = ps.executeQuery()) {
                long matched = 0;
                List<Hit> hits = new ArrayList<>();
                while (rs.next()) {
                    matched = rs.getLong("matched");
                    if (rs.getString("code") != null) {
                        hits.add(hit(rs));
                    }
                }
                return new Page(matched, hits);
            }
        }
    }

    /**
     * Computes the pinyin of up to {@code pinyinBatch} stale compounds. A failure here only leaves initials stale
     * (the next search tries again); it never keeps the search from answering.
     */
    public int refreshPinyin() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int refreshed = refreshBatch(c);
                c.commit();
                return refreshed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not refresh the pinyin of compound names; searching without", e);
            return 0;
        }
    }

    private int refreshBatch(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, STALE, SqlParams.of().integer("batch", limits.pinyinBatch()))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    names.add(rs.getString(2));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> initials = new ArrayList<>();
        List<String> full = new ArrayList<>();
        for (String name : names) {
            CompoundPinyin.Reading reading = CompoundPinyin.of(name);
            initials.add(reading.initials());
            full.add(reading.full());
        }
        return Sql.update(c, UPDATE, SqlParams.of().array("ids", "bigint", ids).array("initials", "text", initials)
                .array("pinyin", "text", full).array("source", "text", names));
    }

    /** text as the start of a LIKE pattern: its own %, _ and \ match themselves. */
    static String likePrefix(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Hit hit(ResultSet rs) throws SQLException {
        return new Hit(rs.getString("code"), rs.getString("name"), rs.getString("district"),
                integerOrNull(rs, "households"), doubleOrNull(rs, "site_area_m2"), integerOrNull(rs, "built_year"),
                integerOrNull(rs, "renovation_year"), rs.getString("renovation_status"), rs.getInt("rank"),
                new double[]{rs.getDouble("west"), rs.getDouble("south"), rs.getDouble("east"), rs.getDouble("north")},
                new double[]{rs.getDouble("lon"), rs.getDouble("lat")});
    }
}
