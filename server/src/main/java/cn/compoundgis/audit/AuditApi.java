package cn.compoundgis.audit;

import cn.compoundgis.compounds.CompoundCode;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
import cn.compoundgis.http.Params;
import cn.compoundgis.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /api/audit}: the audit trail, newest first, for administrators; filters {@code user}, {@code compound},
 * {@code action} (an action or its object: {@code survey} matches {@code survey.committed}), {@code since} and
 * {@code until} (RFC 3339), paged by {@code limit} and {@code offset}.
 */
public final class AuditApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_FILTER_CHARS = 100;

    private final DataSource dataSource;

    public AuditApi(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void events(Context ctx) throws SQLException, IOException {
        String user = filter(ctx, "user");
        String compound = ctx.queryParam("compound") == null ? null : CompoundCode.queryParam(ctx);
        String action = filter(ctx, "action");
        OffsetDateTime since = time(ctx, "since");
        OffsetDateTime until = time(ctx, "until");
        int limit = Params.pageLimit(ctx.queryParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
        long offset = Params.pageOffset(ctx.queryParam("offset"));
        List<Map<String, Object>> events = new ArrayList<>();
        SqlParams filters = SqlParams.of().text("user", user).text("compound", compound).text("action", action)
                .timestamp("since", since).timestamp("until", until).integer("limit", limit + 1).bigint("offset", offset);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, AuditQueries.PAGE, filters)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
        }
        boolean more = events.size() > limit;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", more ? events.subList(0, limit) : events);
        body.put("number_returned", Math.min(events.size(), limit));
        body.put("next_offset", more ? offset + limit : null);
        ctx.json(body);
    }

    private static Map<String, Object> event(ResultSet rs) throws SQLException, IOException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", rs.getLong("id"));
        e.put("at", rs.getObject("at", OffsetDateTime.class).toString());
        e.put("user", rs.getString("username"));
        e.put("client_ip", rs.getString("client_ip"));
        e.put("action", rs.getString("action"));
        e.put("compound", rs.getString("compound_code"));
        e.put("target", rs.getString("target"));
        e.put("detail", Json.MAPPER.readValue(rs.getString("detail"), JsonNode.class));
        return e;
    }

    private static String filter(Context ctx, String name) {
        String value = Params.text(name, ctx.queryParam(name));
        if (value != null && value.length() > MAX_FILTER_CHARS) {
            throw cn.compoundgis.http.ApiError.badParameter(name + " is longer than " + MAX_FILTER_CHARS + " characters");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OffsetDateTime time(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? null : Params.dateTime(name, value);
    }
}
