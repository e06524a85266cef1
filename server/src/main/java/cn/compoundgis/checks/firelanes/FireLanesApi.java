package cn.compoundgis.checks.firelanes;

import cn.compoundgis.http.Requests;
import cn.compoundgis.checks.CheckRequests;
import cn.compoundgis.http.ApiError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.sql.SQLException;

/**
 * {@code GET /api/checks/fire-lanes?compound=CODE} and {@code GET /api/checks/fire-lanes/{laneId}}: per fire
 * lane the clear-width profile, the blocked stretches with their causes, the status and the dead ends
 * (FireLaneCheck). {@code crs} chooses the CRS of the geometries (CRS84 by default); {@code planned=true}
 * counts planned stalls as if painted.
 */
public record FireLanesApi(FireLaneCheck check, CheckRequests requests) {

    public void compound(Context ctx) throws SQLException {
        String compound = requests.compound(ctx);
        ObjectNode report = check.forCompound(compound, requests.crs(ctx), Requests.flag(ctx, "planned", false));
        ctx.json(report);
    }

    public void lane(Context ctx) throws SQLException {
        long id = Requests.pathId(ctx, "laneId", "fire lane");
        ObjectNode report = check.forLane(id, requests.crs(ctx), Requests.flag(ctx, "planned", false));
        if (report == null) {
            throw ApiError.notFound("no current fire lane " + id);
        }
        ctx.json(report);
    }
}
