package cn.compoundgis.survey;

import cn.compoundgis.accounts.CurrentUser;
import cn.compoundgis.db.Sql;
import cn.compoundgis.db.SqlParams;
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
 * surveyor and date, who uploaded and who committed it and when, shown by the map's feature panel. Account names are
 * given to signed-in users only: with anonymous reading on, anyone may read the map, but not learn who has an account.
 * Read-only; uploads and their reports live under {@code /api/surveys} (SurveysApi).
 */
public final class MapSurveyApi {
    private final DataSource dataSource;

    public MapSurveyApi(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void survey(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "surveyId", "survey");
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = Sql.prepare(c, SurveyQueries.FEATURE_SURVEY, SqlParams.of().bigint("survey", id))) {
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
                if (CurrentUser.of(ctx).isPresent()) {
                    body.put("uploaded_by", rs.getString("uploaded_by"));
                    body.put("committed_by", rs.getString("committed_by"));
                }
                body.put("committed_at", rs.getString("committed_at"));
                ctx.json(body);
            }
        }
    }
}
