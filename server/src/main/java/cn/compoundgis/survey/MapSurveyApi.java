package cn.compoundgis.survey;

import cn.compoundgis.http.ApiError;
import cn.compoundgis.http.Requests;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /api/map/surveys/{id}}: the survey that delivered a feature (its {@code survey_id}): title,
 * surveyor and date, who uploaded and who committed it and when, shown by the map's feature panel. Read-only; uploads and their reports live under
 * {@code /api/surveys} (SurveysApi).
 */
public final class MapSurveyApi {
    private final DataSource dataSource;

    public MapSurveyApi(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void survey(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "surveyId", "survey");
        String sql = "SELECT id, compound_code, title, surveyor, surveyed_on::text, status, uploaded_by, committed_by,"
                + " to_json(committed_at) #>> '{}' AS committed_at FROM survey WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no survey " + id);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", rs.getLong("id"));
                body.put("compound", rs.getString("compound_code"));
                body.put("title", rs.getString("title"));
                body.put("surveyor", rs.getString("surveyor"));
                body.put("surveyed_on", rs.getString("surveyed_on"));
                body.put("status", rs.getString("status"));
                body.put("uploaded_by", rs.getString("uploaded_by"));
                body.put("committed_by", rs.getString("committed_by"));
                body.put("committed_at", rs.getString("committed_at"));
                ctx.json(body);
            }
        }
    }
}
